import { describe, expect, it } from 'vitest';
import { unreadableMessage, unreadableReason, unreadableText } from './text.js';
import { isWebUrl, WEB_URL_PATTERN } from './web-url.js';

describe('unreadable text (NUL, C0 controls, lone surrogates)', () => {
  it.each([
    ['a NUL', 'a\u0000b', { index: 1, reason: 'nul' }],
    ['a bell', 'ding\u0007', { index: 4, reason: 'control' }],
    ['an escape (terminal sequences)', '\u001b[31mred', { index: 0, reason: 'control' }],
    ['a vertical tab', 'a\u000bb', { index: 1, reason: 'control' }],
    ['a lone high surrogate', 'x\ud83d', { index: 1, reason: 'lone-surrogate' }],
    ['a lone low surrogate', '\udc00x', { index: 0, reason: 'lone-surrogate' }],
    ['a high surrogate before a letter', '\ud83dx', { index: 0, reason: 'lone-surrogate' }],
  ])('%s is unreadable', (_name, text, expected) => {
    expect(unreadableReason(text)).toEqual(expected);
    expect(unreadableText(text)).toBe(true);
  });

  it.each([
    ['plain text', 'Washing machine leaks'],
    ['tabs and line breaks', 'line 1\r\nline\t2\n'],
    ['emoji (paired surrogates)', 'Danke 👍🏽'],
    ['non-Latin scripts', 'Ärger – 漏水 – утечка'],
    ['DEL and C1 characters are left alone', 'a\u007fb\u0085'],
    ['the empty text', ''],
  ])('%s is readable', (_name, text) => {
    expect(unreadableReason(text)).toBeUndefined();
    expect(unreadableText(text)).toBe(false);
  });

  it('every reason has a sentence', () => {
    for (const reason of ['nul', 'control', 'lone-surrogate'] as const) {
      expect(unreadableMessage(reason)).toMatch(/\.$/);
    }
  });
});

describe('web URLs (links that may be stored and rendered)', () => {
  it.each([
    'https://tickets.example/T-1',
    'http://tickets.example:8080/path?q=1#x',
    'HTTPS://Tickets.Example/T-2',
    'http://10.0.0.5/ticket/7',
    'http://localhost:65535/',
    'https://xn--bcher-kva.example/%C3%A4?q=%20#top',
  ])('%s is a web URL', (url) => {
    expect(isWebUrl(url)).toBe(true);
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['JAVASCRIPT: in mixed case', 'JaVaScRiPt:alert(1)'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['vbscript:', 'vbscript:msgbox(1)'],
    ['file:', 'file:///etc/passwd'],
    ['leading spaces', '  javascript:alert(1)'],
    ['a leading tab', '\tjavascript:alert(1)'],
    ['a tab inside the scheme', 'java\tscript:alert(1)'],
    ['a line break inside the scheme', 'java\nscript:alert(1)'],
    ['leading spaces before https', ' https://tickets.example/T-1'],
    ['a trailing space', 'https://tickets.example/T-1 '],
    ['a NUL', 'https://tickets.example/\u0000'],
    ['a relative path', '/tickets/T-1'],
    ['no host', 'https://'],
    ['the empty text', ''],
    ['not a URL', 'not a url'],
    ['user info before the host', 'https://user:pw@tickets.example/'],
    ['a port out of range', 'https://tickets.example:65536/'],
    ['a host that is no IPv4 address', 'http://999999999999/'],
    ['an unencoded non-ASCII character', 'https://tickets.example/ä'],
    ['an IPv6 host', 'http://[::1]/'],
  ])('%s is refused', (_name, url) => {
    expect(isWebUrl(url)).toBe(false);
  });

  it('the pattern the contract declares accepts exactly what isWebUrl accepts', () => {
    const pattern = new RegExp(WEB_URL_PATTERN);
    for (const url of [
      'https://tickets.example/T-1',
      'http://10.0.0.5:8080/x',
      'javascript:alert(1)',
      ' https://a.example',
    ]) {
      expect(pattern.test(url)).toBe(isWebUrl(url));
    }
  });
});
