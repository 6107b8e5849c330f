import type { NormalizedPoint } from '../call/mirror.js';
import type { Capability } from '../domain/permissions/capabilities.js';
import { type Machine, type MachineResult, reject } from '../domain/shared/result.js';
import * as z from '../validate/index.js';
import { addOps } from './annotations.js';
import { receive } from './receive.js';
import {
  type AnnotationOp,
  type ArMessage,
  annotationOpSchema,
  arMessageSchema,
  MAX_OPS_PER_MESSAGE,
  MAX_POINTS_PER_MESSAGE,
  type Marker,
} from './schemas.js';
import { snapshotMessages } from './snapshot.js';
import type { ArContext, ArEffect, ArEvent, ArState } from './state.js';
import { appendPoints, DEFAULT_STROKE_TTL_MS, pruneStrokes } from './strokes.js';

type Result = MachineResult<ArState, ArEffect>;

const ok = (state: ArState, ...effects: ArEffect[]): Result => ({ ok: true, state, effects });
const send = (message: ArMessage): ArEffect => ({ type: 'send', message });

/** Round to 4 decimals: 1/10 000 of the frame is below a pixel at 4K, and keeps messages small. */
const round = (v: number) => Math.round(v * 1e4) / 1e4;
const roundPoints = (points: readonly NormalizedPoint[]) =>
  points.map((p) => ({ x: round(p.x), y: round(p.y) }));

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A local action's outgoing messages must pass the same schema the receiver applies. */
function invalid(messages: readonly ArMessage[]): string | undefined {
  for (const m of messages) {
    const r = z.safeParse(arMessageSchema, m);
    if (!r.success)
      return `${m.type}: ${r.error.issues[0]?.message ?? 'invalid'} at ${r.error.issues[0]?.path.join('.')}`;
  }
  return undefined;
}

/**
 * The AR machine of one side (DC-2): local actions become state plus `send` effects; messages from
 * the other side are merged (union for annotations, last writer wins for markers and the mirror) or
 * dropped with an `issue` effect. Pure: ids and times come in the events.
 * @example
 * const machine = arMachine({ participantId: 'staff-1', role: 'staff', capabilities, peerRole: () => 'customer' });
 * const r = machine.transition(initialArState, { type: 'mirror.set', mirrored: true });
 * // r.ok && r.effects → [{ type: 'send', message: { type: 'ar.mirror', mirror: { mirrored: true, version: 1, by: 'staff-1' } } }]
 */
export function arMachine(context: ArContext): Machine<ArState, ArEvent, ArEffect> {
  const may = (capability: Capability) => context.capabilities.has(capability);
  const me = context.participantId;
  const forbidden = (what: string) => reject('forbidden', `${context.role} may not ${what} here`);

  /** Commit a local change whose messages pass validation, or refuse it. */
  const local = (state: ArState, messages: ArMessage[]): Result => {
    const why = invalid(messages);
    return why ? reject('invalid-transition', why) : ok(state, ...messages.map(send));
  };

  const putLocalMarker = (state: ArState, marker: Marker): Result =>
    local({ ...state, markers: { ...state.markers, [marker.id]: marker } }, [
      { type: 'ar.marker.put', marker },
    ]);

  return {
    transition(state, event): Result {
      switch (event.type) {
        case 'stroke.begin': {
          if (!may('ar.draw')) return forbidden('draw');
          if (state.strokes[event.id]) return reject('invalid-transition', `Stroke ${event.id} exists`);
          const points = roundPoints(event.points);
          const first = points.slice(0, MAX_POINTS_PER_MESSAGE);
          const ttlMs = event.ttlMs ?? DEFAULT_STROKE_TTL_MS;
          const strokes = pruneStrokes(state.strokes, event.at);
          const stroke = { id: event.id, author: me, color: event.color, width: event.width, ttlMs };
          const messages: ArMessage[] = [
            { type: 'ar.stroke.start', ...stroke, createdAt: event.at, points: first },
            ...chunks(points.slice(first.length), MAX_POINTS_PER_MESSAGE).map(
              (p): ArMessage => ({ type: 'ar.stroke.append', id: event.id, points: p }),
            ),
          ];
          const live = appendPoints(
            { ...stroke, points: [], createdAt: event.at, updatedAt: event.at, ended: false },
            points,
            event.at,
          );
          return local({ ...state, strokes: { ...strokes, [event.id]: live } }, messages);
        }
        case 'stroke.extend':
        case 'stroke.end': {
          if (!may('ar.draw')) return forbidden('draw');
          const stroke = state.strokes[event.id];
          if (!stroke || stroke.author !== me || stroke.ended) {
            return reject('invalid-transition', `No stroke ${event.id} of ours is being drawn`);
          }
          const strokes = pruneStrokes(state.strokes, event.at);
          if (event.type === 'stroke.end') {
            const ended = { ...stroke, ended: true, updatedAt: event.at };
            return ok(
              { ...state, strokes: { ...strokes, [event.id]: ended } },
              send({ type: 'ar.stroke.end', id: event.id }),
            );
          }
          const points = roundPoints(event.points);
          const messages = chunks(points, MAX_POINTS_PER_MESSAGE).map(
            (p): ArMessage => ({ type: 'ar.stroke.append', id: event.id, points: p }),
          );
          const next = appendPoints(stroke, points, event.at);
          return local({ ...state, strokes: { ...strokes, [event.id]: next } }, messages);
        }
        case 'marker.add': {
          if (!may('ar.marker')) return forbidden('place markers');
          if (state.markers[event.id]) return reject('invalid-transition', `Marker ${event.id} exists`);
          return putLocalMarker(state, {
            id: event.id,
            label: event.label,
            box: event.box,
            confidence: event.confidence ?? 1,
            status: event.status ?? 'tracking',
            owner: me,
            version: 1,
            updatedBy: me,
          });
        }
        case 'marker.update':
        case 'marker.remove': {
          if (!may('ar.marker')) return forbidden('change markers');
          const current = state.markers[event.id];
          if (!current || current.removed) return reject('invalid-transition', `No marker ${event.id}`);
          const changes = event.type === 'marker.update' ? event.changes : { removed: true };
          return putLocalMarker(state, {
            ...current,
            ...changes,
            version: current.version + 1,
            updatedBy: me,
          });
        }
        case 'screenshot.open': {
          if (!may('ar.screenshot')) return forbidden('take screenshots');
          if (state.screenshots[event.screenshot.id]) {
            return reject('invalid-transition', `Screenshot ${event.screenshot.id} exists`);
          }
          const entry = { screenshot: event.screenshot, open: true, ops: {} };
          return local({ ...state, screenshots: { ...state.screenshots, [event.screenshot.id]: entry } }, [
            { type: 'ar.screenshot.open', screenshot: event.screenshot },
          ]);
        }
        case 'screenshot.close': {
          const entry = state.screenshots[event.screenshotId];
          if (!entry) return reject('invalid-transition', `No screenshot ${event.screenshotId}`);
          if (!entry.open) return ok(state);
          const screenshots = { ...state.screenshots, [event.screenshotId]: { ...entry, open: false } };
          return ok(
            { ...state, screenshots },
            send({ type: 'ar.screenshot.close', screenshotId: event.screenshotId }),
          );
        }
        case 'annotate': {
          if (!may('ar.screenshot')) return forbidden('annotate screenshots');
          const entry = state.screenshots[event.screenshotId];
          if (!entry) return reject('invalid-transition', `No screenshot ${event.screenshotId}`);
          let lamport = state.lamport;
          const ops: AnnotationOp[] = [];
          for (const draft of event.ops) {
            const op = roundOp({
              ...draft,
              screenshotId: event.screenshotId,
              author: me,
              lamport: ++lamport,
            } as AnnotationOp);
            if (!z.safeParse(annotationOpSchema, op).success)
              return reject('invalid-transition', `Invalid op ${draft.id}`);
            if (entry.ops[op.id]) return reject('invalid-transition', `Op ${op.id} exists`);
            ops.push(op);
          }
          const next = { ...entry, ops: addOps(entry.ops, ops) };
          const messages = chunks(ops, MAX_OPS_PER_MESSAGE).map(
            (batch): ArMessage => ({ type: 'ar.annotate', screenshotId: event.screenshotId, ops: batch }),
          );
          return local(
            { ...state, lamport, screenshots: { ...state.screenshots, [event.screenshotId]: next } },
            messages,
          );
        }
        case 'mirror.set': {
          if (!may('ar.mirror')) return forbidden('mirror the view');
          if (state.mirror.mirrored === event.mirrored) return ok(state);
          const mirror = { mirrored: event.mirrored, version: state.mirror.version + 1, by: me };
          return ok({ ...state, mirror }, send({ type: 'ar.mirror', mirror }));
        }
        case 'prune': {
          const strokes = pruneStrokes(state.strokes, event.at);
          return ok(strokes === state.strokes ? state : { ...state, strokes });
        }
        case 'peer.connected':
          return ok(state, ...snapshotMessages(state, true).map(send));
        case 'received':
          return receive(context, state, event.from, event.message, event.at);
      }
    },
  };
}

function roundOp(op: AnnotationOp): AnnotationOp {
  switch (op.kind) {
    case 'pen':
      return { ...op, points: roundPoints(op.points) };
    case 'arrow':
      return { ...op, from: roundPoints([op.from])[0]!, to: roundPoints([op.to])[0]! };
    default:
      return op;
  }
}
