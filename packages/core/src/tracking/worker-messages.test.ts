import { describe, expect, it } from 'vitest';
import { parseFromWorker, parseToWorker } from './worker-messages.js';

const box = { x: 0.1, y: 0.2, width: 0.3, height: 0.4 };

describe('tracking worker messages are checked on both sides (VS-13)', () => {
  it('accepts the protocol and copies only its fields', () => {
    expect(parseToWorker({ type: 'track', markerId: 'm1', box: { ...box, extra: 1 } })).toEqual({
      type: 'track',
      markerId: 'm1',
      box,
    });
    expect(parseToWorker({ type: 'remove', markerId: 'm1' })).toEqual({ type: 'remove', markerId: 'm1' });
    const data = new ArrayBuffer(4);
    expect(parseToWorker({ type: 'frame', frameId: 3, width: 2, height: 2, format: 'gray', data })).toEqual({
      type: 'frame',
      frameId: 3,
      width: 2,
      height: 2,
      format: 'gray',
      data,
    });
  });

  it.each([
    ['no type', { markerId: 'm' }],
    ['unknown type', { type: 'boom', markerId: 'm' }],
    ['empty marker id', { type: 'remove', markerId: '' }],
    ['marker id over 200', { type: 'remove', markerId: 'x'.repeat(201) }],
    ['NaN in a box', { type: 'track', markerId: 'm', box: { ...box, x: Number.NaN } }],
    ['negative width', { type: 'track', markerId: 'm', box: { ...box, width: -1 } }],
    ['Infinity height', { type: 'track', markerId: 'm', box: { ...box, height: Number.POSITIVE_INFINITY } }],
    [
      'fractional frame id',
      { type: 'frame', frameId: 1.5, width: 2, height: 2, format: 'gray', data: new ArrayBuffer(4) },
    ],
    [
      'frame over 4096',
      { type: 'frame', frameId: 1, width: 4097, height: 2, format: 'gray', data: new ArrayBuffer(4) },
    ],
    [
      'unknown format',
      { type: 'frame', frameId: 1, width: 2, height: 2, format: 'rgb', data: new ArrayBuffer(4) },
    ],
    [
      'data not a buffer',
      { type: 'frame', frameId: 1, width: 2, height: 2, format: 'gray', data: [0, 0, 0, 0] },
    ],
    ['null', null],
  ])('refuses a page message with %s', (_, message) => {
    expect(parseToWorker(message)).toBeUndefined();
  });

  it('accepts results and rejections from the worker and refuses anything else', () => {
    const update = { markerId: 'm', box, angle: 0, confidence: 0.9, status: 'tracking' };
    expect(parseFromWorker({ type: 'results', frameId: 1, updates: [update] })).toEqual({
      type: 'results',
      frameId: 1,
      updates: [update],
    });
    expect(parseFromWorker({ type: 'rejected', markerId: 'm', code: 'invalid-box', message: 'no' })).toEqual({
      type: 'rejected',
      markerId: 'm',
      code: 'invalid-box',
      message: 'no',
    });
    expect(
      parseFromWorker({ type: 'results', frameId: 1, updates: [{ ...update, confidence: 2 }] }),
    ).toBeUndefined();
    expect(
      parseFromWorker({ type: 'results', frameId: 1, updates: [{ ...update, status: 'gone' }] }),
    ).toBeUndefined();
    expect(
      parseFromWorker({ type: 'rejected', markerId: 'm', code: 'other', message: 'no' }),
    ).toBeUndefined();
    expect(parseFromWorker('results')).toBeUndefined();
  });
});
