import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSseParser } from './sse-parser';

describe('createSseParser', () => {
  it('parses events with ids, types and multi-line data', () => {
    const p = createSseParser();
    const events = p.push(
      'id: 1\nevent: session.created\ndata: {"a":1}\ndata: x\n\n: heartbeat\n\ndata: plain\n\n',
    );
    expect(events).toEqual([
      { id: '1', event: 'session.created', data: '{"a":1}\nx' },
      { id: '1', event: 'message', data: 'plain' },
    ]);
    expect(p.lastEventId).toBe('1');
  });

  it('ignores comment-only heartbeats and remembers retry', () => {
    const p = createSseParser();
    expect(p.push(': ping\n\nretry: 2500\n\n')).toEqual([]);
    expect(p.retry).toBe(2500);
  });

  it('accepts CRLF and CR line endings, split anywhere', () => {
    const p = createSseParser();
    expect(p.push('id: 9\r')).toEqual([]);
    expect(p.push('\ndata: a\r\n\r')).toEqual([]);
    expect(p.push('\n')).toEqual([{ id: '9', event: 'message', data: 'a' }]);
  });

  it('gives the same events however the stream is cut into chunks', () => {
    const stream =
      'id: 1\nevent: e\ndata: one\n\n:hb\n\nid: 2\ndata: two\ndata: three\n\nretry: 10\ndata:four\n\n';
    const whole = createSseParser().push(stream);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: stream.length }), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const p = createSseParser();
        const got = [];
        let from = 0;
        for (const at of [...points, stream.length]) {
          got.push(...p.push(stream.slice(from, at)));
          from = at;
        }
        expect(got).toEqual(whole);
      }),
    );
  });
});
