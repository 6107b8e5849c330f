import type { MachineResult } from '../domain/shared/result.js';
import { addOps, maxLamport } from './annotations.js';
import type { ArIssue, ArIssueCode } from './issues.js';
import { mergeMirror, putMarker } from './markers.js';
import type { ArMessage } from './schemas.js';
import { snapshotMessages } from './snapshot.js';
import type { ArContext, ArEffect, ArState, ScreenshotEntry } from './state.js';
import { appendPoints, pruneStrokes } from './strokes.js';

type Result = MachineResult<ArState, ArEffect>;

/**
 * Merge one validated message from participant `from` into the state. Never refuses: a message that
 * cannot apply leaves the state as it is and yields an `issue` effect.
 */
export function receive(
  context: ArContext,
  state: ArState,
  from: string,
  message: ArMessage,
  at: number,
): Result {
  const ok = (next: ArState): Result => ({ ok: true, state: next, effects: [] });
  const drop = (code: ArIssueCode, reason: string): Result => {
    const issue: ArIssue = { code, from, messageType: message.type, reason };
    return { ok: true, state, effects: [{ type: 'issue', issue }] };
  };
  const staff = context.peerRole(from) === 'staff';

  switch (message.type) {
    case 'ar.stroke.start': {
      const existing = state.strokes[message.id];
      if (existing)
        return existing.author === from ? ok(state) : drop('conflict', `Stroke ${message.id} is taken`);
      const { type: _type, points, ...rest } = message;
      const stroke = appendPoints(
        { ...rest, author: from, points: [], updatedAt: at, ended: false },
        points,
        at,
      );
      return ok({ ...state, strokes: { ...pruneStrokes(state.strokes, at), [message.id]: stroke } });
    }
    case 'ar.stroke.append':
    case 'ar.stroke.end': {
      const stroke = state.strokes[message.id];
      if (!stroke) return drop('unknown-stroke', `No stroke ${message.id}`);
      if (stroke.author !== from) return drop('conflict', `Stroke ${message.id} belongs to ${stroke.author}`);
      const next =
        message.type === 'ar.stroke.end'
          ? { ...stroke, ended: true, updatedAt: at }
          : appendPoints(stroke, message.points, at);
      return ok({ ...state, strokes: { ...pruneStrokes(state.strokes, at), [message.id]: next } });
    }
    case 'ar.screenshot.open': {
      const current = state.screenshots[message.screenshot.id];
      if (current) return ok(state);
      const entry: ScreenshotEntry = { screenshot: message.screenshot, open: true, ops: {} };
      return ok({ ...state, screenshots: { ...state.screenshots, [message.screenshot.id]: entry } });
    }
    case 'ar.screenshot.close': {
      const current = state.screenshots[message.screenshotId];
      if (!current) return drop('unknown-screenshot', `No screenshot ${message.screenshotId}`);
      if (!current.open) return ok(state);
      return ok({
        ...state,
        screenshots: { ...state.screenshots, [message.screenshotId]: { ...current, open: false } },
      });
    }
    case 'ar.annotate': {
      const current = state.screenshots[message.screenshotId];
      if (!current) return drop('unknown-screenshot', `No screenshot ${message.screenshotId}`);
      const ops = message.ops.filter((op) => op.screenshotId === message.screenshotId);
      if (ops.length !== message.ops.length)
        return drop('invalid-message', 'An op belongs to another screenshot');
      const merged = addOps(current.ops, ops);
      if (merged === current.ops) return ok(state);
      const lamport = Math.max(state.lamport, maxLamport(merged));
      return ok({
        ...state,
        lamport,
        screenshots: { ...state.screenshots, [message.screenshotId]: { ...current, ops: merged } },
      });
    }
    case 'ar.marker.put': {
      if (!staff) return drop('forbidden', 'Only staff place markers (VS-13)');
      const markers = putMarker(state.markers, message.marker);
      return ok(markers === state.markers ? state : { ...state, markers });
    }
    case 'ar.mirror': {
      if (!staff) return drop('forbidden', 'Only staff mirror the view (VS-14)');
      const mirror = mergeMirror(state.mirror, message.mirror);
      return ok(mirror === state.mirror ? state : { ...state, mirror });
    }
    case 'ar.snapshot': {
      let next = state;
      // Markers and the mirror are staff's to set, so only a staff side's snapshot carries them; a
      // customer's copy of them is ignored rather than trusted.
      if (staff) {
        let markers = next.markers;
        for (const marker of message.markers) markers = putMarker(markers, marker);
        const mirror = mergeMirror(next.mirror, message.mirror);
        if (markers !== next.markers || mirror !== next.mirror) next = { ...next, markers, mirror };
      }
      let screenshots = next.screenshots;
      for (const { screenshot, open } of message.screenshots) {
        const current = screenshots[screenshot.id];
        // Closing is final on both sides: open only if neither side closed it.
        if (!current) screenshots = { ...screenshots, [screenshot.id]: { screenshot, open, ops: {} } };
        else if (current.open && !open)
          screenshots = { ...screenshots, [screenshot.id]: { ...current, open: false } };
      }
      if (screenshots !== next.screenshots) next = { ...next, screenshots };
      // A side that just (re)connected asks for ours in return; the reply does not ask again.
      const reply = message.requestReply ? snapshotMessages(next, false) : [];
      return { ok: true, state: next, effects: reply.map((m): ArEffect => ({ type: 'send', message: m })) };
    }
  }
}
