import { type Observable, Subject, type Subscription } from 'rxjs';
import type { CallRole, DataMessage, MediaTransport } from '../call/media-transport.js';
import type { NormalizedPoint } from '../call/mirror.js';
import { onConnected } from '../call/on-connected.js';
import type { Capability } from '../domain/permissions/capabilities.js';
import type { Rejection } from '../domain/shared/result.js';
import { createStore } from '../store/store.js';
import { type ArIssue, parseArMessage } from './issues.js';
import { arMachine } from './machine.js';
import type { AnnotationDraft, AnnotationOp, Marker, NormalizedBox, Screenshot } from './schemas.js';
import { isArMessageType } from './schemas.js';
import { type ArEvent, type ArState, initialArState, type MarkerChanges } from './state.js';
import { type VisibleStroke, visibleStrokes } from './strokes.js';

/** The outcome of a local AR action: a value, or the machine's refusal (`forbidden`, `invalid-transition`). */
export type ArResult<T = void> = { ok: true; value: T } | { ok: false; rejection: Rejection };

/** Options of {@link createArSession}. */
export interface ArSessionOptions {
  /** This side's participant id (the transport's). */
  participantId: string;
  role: CallRole;
  /** From `capabilitiesFor(...)` for this user, portal and session. */
  capabilities: ReadonlySet<Capability>;
  /** Epoch milliseconds (default `Date.now`). Inject a fake one in tests. */
  clock?: { now(): number };
  /** The role of a remote participant (default: the other role, as in a one-to-one support call). */
  peerRole?: (participantId: string) => CallRole | undefined;
  /** Makes ids for strokes, markers and annotation ops (default `crypto.randomUUID()`). */
  newId?: () => string;
}

/** A stroke to start: colour, width (fraction of the frame's width) and the first point(s). */
export interface StrokeInput {
  color: string;
  width: number;
  points: readonly NormalizedPoint[];
  /** How long it stays after its last point (default 4 s). */
  ttlMs?: number;
}

/** A marker to place. */
export interface MarkerInput {
  label: string;
  box: NormalizedBox;
  confidence?: number;
  status?: Marker['status'];
}

/**
 * The AR tools of one side of a live call (VS-11 … VS-14), over a {@link MediaTransport}'s data
 * messages. State is an observable; actions return values (a refusal is a value, not a throw).
 */
export interface ArSession {
  /** The current AR state, then every change. */
  readonly state$: Observable<ArState>;
  getSnapshot(): ArState;
  /** Incoming messages that were dropped (invalid, forbidden, unknown), and outgoing ones that failed. */
  readonly issues$: Observable<ArIssue>;
  /** Start a live stroke (pointer down); returns its id. */
  beginStroke(input: StrokeInput): ArResult<string>;
  /** More points of the stroke (pointer move); sent at once, so the other side sees it grow. */
  extendStroke(id: string, points: readonly NormalizedPoint[]): ArResult;
  /** The stroke is complete (pointer up); it fades out after its time to live. */
  endStroke(id: string): ArResult;
  /** The strokes to draw now, with their opacity. */
  visibleStrokes(): VisibleStroke[];
  /** Place a marker (staff only, VS-13); returns its id. */
  addMarker(input: MarkerInput): ArResult<string>;
  /** Change a marker's label, box, confidence or status (e.g. from the tracker). */
  updateMarker(id: string, changes: MarkerChanges): ArResult;
  removeMarker(id: string): ArResult;
  /** Share a captured screenshot for annotation by both sides (VS-11). */
  openScreenshot(screenshot: Screenshot): ArResult;
  closeScreenshot(screenshotId: string): ArResult;
  /** Add annotation ops; returns them complete (id, author, lamport) — ready for the upload queue. */
  annotate(screenshotId: string, drafts: readonly AnnotationDraft[]): ArResult<AnnotationOp[]>;
  /** Mirror the view for both sides (staff only, VS-14). */
  setMirror(mirrored: boolean): ArResult;
  /** Drop expired strokes from the state (drawing ignores them anyway; this frees memory). */
  prune(): void;
  /** Stop listening to the transport and complete the observables. The transport stays up. */
  dispose(): void;
}

function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Wire the AR machine to a transport: local actions become state and data messages; incoming
 * messages are validated, then merged; each time the connection comes (back) up both sides exchange
 * snapshots, so a side that joined late or reconnected catches up.
 * @example
 * const ar = createArSession(transport, { participantId: 'staff-1', role: 'staff', capabilities });
 * const stroke = ar.beginStroke({ color: '#ff3b30', width: 0.006, points: [p] });
 * if (stroke.ok) ar.extendStroke(stroke.value, [q]);
 * ar.state$.subscribe((s) => render(ar.visibleStrokes(), liveMarkers(s.markers)));
 */
export function createArSession<M extends DataMessage>(
  transport: MediaTransport<M>,
  options: ArSessionOptions,
): ArSession {
  const clock = options.clock ?? { now: () => Date.now() };
  const newId = options.newId ?? randomId;
  const me = options.participantId;
  const issues = new Subject<ArIssue>();
  const store = createStore(
    arMachine({
      participantId: me,
      role: options.role,
      capabilities: options.capabilities,
      peerRole: options.peerRole ?? (() => (options.role === 'staff' ? 'customer' : 'staff')),
    }),
    initialArState,
    {
      onEffect: (effect) => {
        if (effect.type === 'issue') {
          issues.next(effect.issue);
          return;
        }
        // AR messages are a subset of the transport's messages; the transport validates them again.
        const sent = transport.send(effect.message as unknown as M);
        if (!sent.ok) {
          issues.next({
            code: 'send-failed',
            from: me,
            messageType: effect.message.type,
            reason: sent.error.message,
            cause: sent.error,
          });
        }
      },
    },
  );

  const run = <T>(event: ArEvent, value: T): ArResult<T> => {
    const r = store.send(event);
    return r.ok ? { ok: true, value } : { ok: false, rejection: r.rejection };
  };

  const subscriptions: Subscription[] = [
    transport.messages$.subscribe(({ from, message }) => {
      if (!isArMessageType(message.type)) return;
      const parsed = parseArMessage(from, message);
      if (parsed.ok) store.send({ type: 'received', from, message: parsed.message, at: clock.now() });
      else issues.next(parsed.issue);
    }),
    onConnected(transport.connectionState$, () => store.send({ type: 'peer.connected' })),
  ];

  return {
    state$: store.state$,
    getSnapshot: store.getSnapshot,
    issues$: issues.asObservable(),
    beginStroke(input) {
      const id = newId();
      return run({ type: 'stroke.begin', id, at: clock.now(), ...input }, id);
    },
    extendStroke: (id, points) => run({ type: 'stroke.extend', id, points, at: clock.now() }, undefined),
    endStroke: (id) => run({ type: 'stroke.end', id, at: clock.now() }, undefined),
    visibleStrokes: () => visibleStrokes(store.getSnapshot().strokes, clock.now()),
    addMarker(input) {
      const id = newId();
      return run({ type: 'marker.add', id, ...input }, id);
    },
    updateMarker: (id, changes) => run({ type: 'marker.update', id, changes }, undefined),
    removeMarker: (id) => run({ type: 'marker.remove', id }, undefined),
    openScreenshot: (screenshot) => run({ type: 'screenshot.open', screenshot }, undefined),
    closeScreenshot: (screenshotId) => run({ type: 'screenshot.close', screenshotId }, undefined),
    annotate(screenshotId, drafts) {
      const ops = drafts.map((d) => ({ ...d, id: newId() }));
      const r = store.send({ type: 'annotate', screenshotId, ops });
      if (!r.ok) return { ok: false, rejection: r.rejection };
      const entry = store.getSnapshot().screenshots[screenshotId];
      return { ok: true, value: ops.map((o) => entry?.ops[o.id]).filter((o): o is AnnotationOp => !!o) };
    },
    setMirror: (mirrored) => run({ type: 'mirror.set', mirrored }, undefined),
    prune: () => void store.send({ type: 'prune', at: clock.now() }),
    dispose() {
      for (const s of subscriptions) s.unsubscribe();
      store.stop();
      issues.complete();
    },
  };
}
