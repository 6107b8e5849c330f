import { describe, expect, it } from 'vitest';
import * as z from '../validate/index.js';
import { decodeDataMessage, encodeDataMessage, MAX_DATA_MESSAGE_BYTES } from './data-message.js';
import { dataMessageSchema } from './media-transport.js';

describe('data messages on the wire', () => {
  it('round-trip through the v1 envelope', () => {
    const encoded = encodeDataMessage({ type: 'chat', text: 'hi' }, dataMessageSchema);
    expect(encoded).toEqual({ ok: true, value: '{"v":1,"m":{"type":"chat","text":"hi"}}' });
    const decoded = decodeDataMessage(encoded.ok ? encoded.value : '', dataMessageSchema);
    expect(decoded).toEqual({ ok: true, value: { type: 'chat', text: 'hi' } });
    expect(
      decodeDataMessage(new TextEncoder().encode('{"v":1,"m":{"type":"x"}}'), dataMessageSchema).ok,
    ).toBe(true);
  });

  it('reports malformed input as invalid-message values', () => {
    for (const raw of ['not json', '{"v":2,"m":{"type":"x"}}', '{"v":1,"m":{"type":""}}', '{"v":1}', 42]) {
      const r = decodeDataMessage(raw, dataMessageSchema);
      expect(r.ok === false && r.error.code).toBe('invalid-message');
    }
  });

  it('validates against a narrower schema on both ends', () => {
    const chat = z.object({ type: z.literal('chat'), text: z.string() });
    expect(encodeDataMessage({ type: 'chat', text: 1 } as never, chat).ok).toBe(false);
    expect(decodeDataMessage('{"v":1,"m":{"type":"chat"}}', chat).ok).toBe(false);
  });

  it('refuses messages above the size limit', () => {
    const big = { type: 'blob', data: 'é'.repeat(MAX_DATA_MESSAGE_BYTES / 2) };
    const r = encodeDataMessage(big, dataMessageSchema);
    expect(r.ok === false && r.error.code).toBe('message-too-large');
  });
});
