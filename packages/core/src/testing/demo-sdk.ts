import { expect } from '@open-wc/testing';
import { createSightline, type Sightline, type SightlineOptions } from '../sdk/sightline';

// SDK instances signed in to the reference server's demo organization, for browser tests that run
// against the server the test runner starts (its URL in `window.SIGHTLINE_TEST_SERVER`).

declare global {
  interface Window {
    SIGHTLINE_TEST_SERVER: string;
    SIGHTLINE_TEST_TRANSPORT: 'p2p' | 'livekit';
  }
}

/** Who signs in: the demo customer (access code DEMO-0001) or a demo staff user. */
export type DemoUser = 'customer' | 'agent' | 'manager';

const open: Sightline[] = [];

/** Every instance made since the last call is destroyed (a test file's `afterEach`). */
export function destroyDemoSdks(): void {
  for (const s of open.splice(0)) s.destroy();
}

/** A new SDK instance signed in as `who`, with `options` besides the server's URL. */
export async function signedIn(who: DemoUser, options: Partial<SightlineOptions> = {}): Promise<Sightline> {
  const baseUrl = window.SIGHTLINE_TEST_SERVER;
  const s = createSightline(
    who === 'customer' ? { ...options, baseUrl, accessCode: 'DEMO-0001' } : { ...options, baseUrl },
  );
  open.push(s);
  const r = who === 'customer' ? await s.ready : await s.signIn(`${who}@demo.test`, 'demo-password');
  expect(r.error, JSON.stringify(r.error)).to.equal(undefined);
  return s;
}
