import type { CallRecorder } from '@sightline/core/recorder';
import type { Sightline } from '../../shared/sdk.js';

// One recorder per SDK instance, shared by the call (recording, progress) and the staff pages that
// pick up what a reload left: core's recorder loads only on the first recording, or when this
// browser holds recordings to finish.

const recorders = new WeakMap<Sightline, Promise<CallRecorder>>();
const watched = new WeakSet<Sightline>();

/** The page's recorder for `sdk`, loaded on first use. */
export function recorderFor(sdk: Sightline): Promise<CallRecorder> {
  let recorder = recorders.get(sdk);
  if (!recorder) {
    recorder = import('@sightline/core/recorder').then(
      ({ CallRecorder }) =>
        new CallRecorder({ api: sdk.api, baseUrl: sdk.baseUrl, getToken: () => sdk.token }),
    );
    recorders.set(sdk, recorder);
  }
  return recorder;
}

/**
 * Finishes the recordings a reload or a crash left in this browser (VS-10): closed, reported and
 * uploaded from where the upload stopped. Only staff record; nothing loads when none are stored.
 */
export async function resumeStoredRecordings(sdk: Sightline): Promise<number> {
  if (!(await hasStoredRecordings())) return 0;
  return (await recorderFor(sdk)).resumePending();
}

/** Resumes stored recordings whenever staff sign in with `sdk` (once per SDK instance is watched). */
export function resumeRecordingsOnSignIn(sdk: Sightline | undefined): void {
  if (!sdk || watched.has(sdk)) return;
  watched.add(sdk);
  sdk.me$.subscribe((me) => {
    if (me?.kind === 'staff') void resumeStoredRecordings(sdk).catch(() => 0);
  });
}

/** Whether this browser holds recordings to finish (without loading the recorder to find out). */
export async function hasStoredRecordings(): Promise<boolean> {
  const list = await indexedDB.databases?.().catch(() => []);
  return !!list?.some((d) => d.name === 'sightline-recordings');
}
