import { describe, expect, it } from 'vitest';
import { decodeDataMessage, encodeDataMessage } from '../call/data-message.js';
import { dataMessageSchema } from '../call/media-transport.js';
import { chatDataMessageSchema, newMessageId, parseChatDataMessage, unreadableText } from './messages.js';

const line = {
  type: 'chat',
  id: 'abc_123-X',
  text: 'The light is green now.',
  at: '2026-12-04T10:00:00.000Z',
  author: 'Boiler 12',
};

describe('chat over the data channel (VS-15)', () => {
  it('a valid line survives the wire envelope and validation on receipt', () => {
    const encoded = encodeDataMessage(line, chatDataMessageSchema);
    expect(encoded.ok).toBe(true);
    if (!encoded.ok) return;
    // The transport decodes with the call's general schema; the chat checks its own.
    const decoded = decodeDataMessage(encoded.value, dataMessageSchema);
    expect(decoded.ok && parseChatDataMessage(decoded.value)).toEqual(line);
  });

  it.each([
    ['another type', { ...line, type: 'stroke' }],
    ['an id with spaces', { ...line, id: 'a b' }],
    ['an id of 65 characters', { ...line, id: 'x'.repeat(65) }],
    ['empty text', { ...line, text: '' }],
    ['untrimmed text', { ...line, text: ' hi ' }],
    ['text over 4000 characters', { ...line, text: 'x'.repeat(4001) }],
    ['a NUL', { ...line, text: 'a\u0000b' }],
    ['a lone surrogate', { ...line, text: 'a\udc00b' }],
    ['a time that is not ISO', { ...line, at: 'yesterday' }],
    ['no author', { type: 'chat', id: 'a', text: 'hi', at: line.at }],
    ['not an object', 'chat: hi'],
  ])('%s is dropped', (_name, raw) => {
    expect(parseChatDataMessage(raw)).toBeUndefined();
  });

  it('emoji and other paired surrogates are readable', () => {
    expect(unreadableText('Danke 👍🏽')).toBe(false);
    expect(unreadableText('\ud83d')).toBe(true);
    expect(parseChatDataMessage({ ...line, text: '👍' })?.text).toBe('👍');
  });

  it('new ids are unique and valid', () => {
    const ids = new Set(Array.from({ length: 1000 }, newMessageId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
  });
});
