import { expect, it } from 'vitest';
import { EventSink, SINK_LIMIT_BYTES } from './sink.js';

it('hands the bytes written to the stream, in order, and ends it on close', async () => {
  let gone = 0;
  const sink = new EventSink(() => gone++);
  const shared = sink.encode(': shared\n\n');
  expect(sink.write(sink.encode('event: ready\ndata: {}\n\n'))).toBe(true);
  expect(sink.write(shared)).toBe(true);
  sink.close();
  expect(sink.write(shared)).toBe(false);
  expect(await new Response(sink.body).text()).toBe('event: ready\ndata: {}\n\n: shared\n\n');
  expect(gone).toBe(1);
});

it('a client that leaves is noticed once, and later writes are dropped', async () => {
  let gone = 0;
  const sink = new EventSink(() => gone++);
  await sink.body.cancel();
  expect(sink.closed).toBe(true);
  expect(sink.write(sink.encode(': late\n\n'))).toBe(false);
  sink.close();
  expect(gone).toBe(1);
});

it('a client that stops reading is cut off once more than the limit waits for it', () => {
  let gone = 0;
  const sink = new EventSink(() => gone++);
  const chunk = new Uint8Array(256 * 1024);
  let written = 0;
  while (sink.write(chunk)) written += chunk.length;
  expect(written).toBeGreaterThan(SINK_LIMIT_BYTES - chunk.length);
  expect(written).toBeLessThanOrEqual(SINK_LIMIT_BYTES + 64 * 1024);
  expect(sink.closed).toBe(true);
  expect(gone).toBe(1);
});
