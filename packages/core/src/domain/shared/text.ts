/**
 * Whether a text holds a NUL or an unpaired UTF-16 surrogate: neither can be stored (PostgreSQL) or
 * shown, so every boundary that takes free text refuses it (VS-15 chat, notes).
 * @example
 * unreadableText('a\u0000b'); // true
 */
export function unreadableText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return true;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return true;
      i++;
    } else if (code >= 0xdc00 && code <= 0xdfff) return true;
  }
  return false;
}
