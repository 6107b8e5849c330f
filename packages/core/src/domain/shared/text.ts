/** Why a text cannot be stored or shown; see {@link unreadableReason}. */
export type UnreadableReason = 'nul' | 'control' | 'lone-surrogate';

/**
 * The first character that makes a text unreadable, or `undefined` when there is none:
 * - `nul`: U+0000, which PostgreSQL cannot store in text or JSON;
 * - `control`: another C0 control (U+0001–U+001F) except tab, line feed and carriage return —
 *   nothing a person types or a browser sends in a form, only bytes of a binary file pasted as text
 *   or an attempt to confuse a log or a terminal (tab and line breaks stay: notes, summaries and
 *   SDP payloads of call signals carry them);
 * - `lone-surrogate`: an unpaired UTF-16 surrogate, which is no Unicode character at all and cannot
 *   be encoded as UTF-8.
 * The server refuses such text in every input (JSON bodies at any depth, query and path parameters,
 * headers it reads, uploads) and the elements check with the same rule before sending.
 * @example
 * unreadableReason('a\u0000b'); // { index: 1, reason: 'nul' }
 * unreadableReason('line 1\nline 2'); // undefined
 */
export function unreadableReason(text: string): { index: number; reason: UnreadableReason } | undefined {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20) {
      if (code === 0) return { index: i, reason: 'nul' };
      if (code !== 0x09 && code !== 0x0a && code !== 0x0d) return { index: i, reason: 'control' };
    } else if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return { index: i, reason: 'lone-surrogate' };
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) return { index: i, reason: 'lone-surrogate' };
  }
  return undefined;
}

/**
 * Whether a text holds a NUL, another C0 control other than tab and line breaks, or an unpaired
 * UTF-16 surrogate: none can be stored (PostgreSQL) or shown, so every boundary that takes text
 * refuses it (VS-15 chat, notes; see {@link unreadableReason}).
 * @example
 * unreadableText('a\u0000b'); // true
 * unreadableText('a\tb'); // false
 */
export function unreadableText(text: string): boolean {
  return unreadableReason(text) !== undefined;
}

/** A sentence for an {@link UnreadableReason}, as problem documents show it. */
export function unreadableMessage(reason: UnreadableReason): string {
  switch (reason) {
    case 'nul':
      return 'Contains a NUL character (U+0000).';
    case 'control':
      return 'Contains a control character (only tab and line breaks are allowed).';
    case 'lone-surrogate':
      return 'Contains invalid Unicode (an unpaired surrogate).';
  }
}

/**
 * The same rule as {@link unreadableReason} for the contract: a JSON Schema `pattern` every text
 * input matches (no C0 control but tab and line breaks; unpaired surrogates cannot be written in a
 * JSON Schema pattern and are refused all the same).
 */
export const readableTextPattern = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F]*$';
