import type { CallRole } from '../call/media-transport.js';
import type { NormalizedPoint } from '../call/mirror.js';
import type { Capability } from '../domain/permissions/capabilities.js';
import type { OpSet } from './annotations.js';
import type { ArIssue } from './issues.js';
import type { MarkerMap } from './markers.js';
import type { AnnotationDraft, ArMessage, Marker, MirrorFlag, NormalizedBox, Screenshot } from './schemas.js';
import type { StrokeMap } from './strokes.js';

/** A screenshot with its merged annotation ops; `open` turns false for good once either side closes it. */
export interface ScreenshotEntry {
  readonly screenshot: Screenshot;
  readonly open: boolean;
  readonly ops: OpSet;
}

/** The AR state of one side of a call (VS-11 … VS-14). Plain data: serializable and comparable. */
export interface ArState {
  readonly strokes: StrokeMap;
  readonly screenshots: Readonly<Record<string, ScreenshotEntry>>;
  readonly markers: MarkerMap;
  readonly mirror: MirrorFlag;
  /** Lamport clock: above every annotation op seen, so new ops render on top of them. */
  readonly lamport: number;
}

/**
 * The state before anything happened.
 * @example
 * const store = createStore(arMachine(context), initialArState);
 */
export const initialArState: ArState = {
  strokes: {},
  screenshots: {},
  markers: {},
  mirror: { mirrored: false, version: 0, by: '' },
  lamport: 0,
};

/** Who this side is and what it may do: the machine checks local actions against it. */
export interface ArContext {
  readonly participantId: string;
  readonly role: CallRole;
  /** This side's capabilities, from the shared `capabilitiesFor` (markers and mirror are staff only). */
  readonly capabilities: ReadonlySet<Capability>;
  /**
   * The role of a remote participant, to check what it sends (only staff place markers or mirror).
   * In a one-to-one support call the other side has the other role.
   */
  readonly peerRole: (participantId: string) => CallRole | undefined;
}

/** A marker's editable fields. */
export type MarkerChanges = Partial<Pick<Marker, 'label' | 'box' | 'confidence' | 'status'>>;

/** An annotation op to add, with the id the caller chose for it (unique: a UUID). */
export type AnnotationInput = AnnotationDraft & { readonly id: string };

/**
 * Everything that can happen to the AR state: local actions (checked against the capabilities) and
 * what arrives from the other side (already schema-validated). Times (`at`) come from the caller's
 * clock, so the machine stays pure.
 */
export type ArEvent =
  | {
      type: 'stroke.begin';
      id: string;
      at: number;
      color: string;
      width: number;
      points: readonly NormalizedPoint[];
      ttlMs?: number;
    }
  | { type: 'stroke.extend'; id: string; at: number; points: readonly NormalizedPoint[] }
  | { type: 'stroke.end'; id: string; at: number }
  | {
      type: 'marker.add';
      id: string;
      label: string;
      box: NormalizedBox;
      confidence?: number;
      status?: Marker['status'];
    }
  | { type: 'marker.update'; id: string; changes: MarkerChanges }
  | { type: 'marker.remove'; id: string }
  | { type: 'screenshot.open'; screenshot: Screenshot }
  | { type: 'screenshot.close'; screenshotId: string }
  | { type: 'annotate'; screenshotId: string; ops: readonly AnnotationInput[] }
  | { type: 'mirror.set'; mirrored: boolean }
  | { type: 'prune'; at: number }
  | { type: 'received'; from: string; message: ArMessage; at: number }
  /** The data path to the other side is (again) up: send it a snapshot. */
  | { type: 'peer.connected' };

/** Effects, run by the store after the state is committed. */
export type ArEffect = { type: 'send'; message: ArMessage } | { type: 'issue'; issue: ArIssue };
