import { describe, expect, it } from 'vitest';
import { parseArMessage } from './issues.js';

const stroke = {
  type: 'ar.stroke.start',
  id: 's1',
  color: '#ff3b30',
  width: 0.006,
  createdAt: 1_700_000_000_000,
  ttlMs: 4000,
  points: [{ x: 0.1, y: 0.2 }],
};
const pen = {
  id: 'op1',
  screenshotId: 'shot1',
  author: 'staff-1',
  lamport: 1,
  kind: 'pen',
  color: '#00f',
  width: 0.01,
  points: [{ x: 0, y: 1 }],
};
const marker = {
  id: 'm1',
  label: 'Valve',
  box: { x: 0.5, y: 0.5, width: 0.2, height: 0.3 },
  confidence: 0.9,
  status: 'tracking',
  owner: 'staff-1',
  version: 1,
  updatedBy: 'staff-1',
};

describe('AR message validation', () => {
  it.each([
    ['a stroke start', stroke],
    ['a stroke segment', { type: 'ar.stroke.append', id: 's1', points: [{ x: 1, y: 0 }] }],
    ['a stroke end', { type: 'ar.stroke.end', id: 's1' }],
    ['annotations', { type: 'ar.annotate', screenshotId: 'shot1', ops: [pen] }],
    [
      'an erase op',
      {
        type: 'ar.annotate',
        screenshotId: 'shot1',
        ops: [{ id: 'op2', screenshotId: 'shot1', author: 'c', lamport: 2, kind: 'erase', targets: ['op1'] }],
      },
    ],
    ['a marker', { type: 'ar.marker.put', marker }],
    ['the mirror flag', { type: 'ar.mirror', mirror: { mirrored: true, version: 2, by: 'staff-1' } }],
    [
      'a screenshot',
      {
        type: 'ar.screenshot.open',
        screenshot: { id: 'x', sessionId: 's', capturedAt: 1, capturedBy: 'c', width: 1280, height: 720 },
      },
    ],
  ])('accepts %s', (_name, message) => {
    const r = parseArMessage('peer', message);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.message).toEqual(message);
  });

  it.each([
    ['a point outside the frame', { ...stroke, points: [{ x: 1.2, y: 0.5 }] }],
    ['a NaN coordinate', { ...stroke, points: [{ x: Number.NaN, y: 0.5 }] }],
    ['a colour that is not hex', { ...stroke, color: 'red; background:url(x)' }],
    ['a zero width', { ...stroke, width: 0 }],
    ['a time to live of a day', { ...stroke, ttlMs: 86_400_000 }],
    ['too many points in one segment', { ...stroke, points: Array(513).fill({ x: 0, y: 0 }) }],
    ['an unknown type', { type: 'ar.teleport' }],
    [
      'a marker box leaving the frame',
      { type: 'ar.marker.put', marker: { ...marker, box: { x: 0.9, y: 0, width: 0.2, height: 0.1 } } },
    ],
    ['a marker with an unknown status', { type: 'ar.marker.put', marker: { ...marker, status: 'maybe' } }],
    [
      'an op of unknown kind',
      { type: 'ar.annotate', screenshotId: 'shot1', ops: [{ ...pen, kind: 'laser' }] },
    ],
    [
      'a fractional lamport clock',
      { type: 'ar.annotate', screenshotId: 'shot1', ops: [{ ...pen, lamport: 1.5 }] },
    ],
    ['not an object', 'ar.stroke.end'],
  ])('drops %s as a typed issue', (_name, message) => {
    const r = parseArMessage('peer', message);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issue.code).toBe('invalid-message');
      expect(r.issue.from).toBe('peer');
    }
  });

  it('names the type of the dropped message when it had one', () => {
    const r = parseArMessage('peer', { type: 'ar.stroke.end' });
    expect(!r.ok && r.issue.messageType).toBe('ar.stroke.end');
  });
});
