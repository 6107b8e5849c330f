import { describe, expect, it } from 'vitest';
import { mailLanguage, passwordChangedMail, type Recipient, resetMail } from './messages.js';

const to = (language: Recipient['language']): Recipient => ({
  organizationId: 'org',
  email: 'ada@example.test',
  name: 'Ada <Lovelace>',
  language,
  timeZone: 'Europe/Lisbon',
});
const LINK = 'https://app.example.test/reset/#token=abc&def';

describe('password mails (MC-2)', () => {
  it.each(['en', 'de', 'es', 'pt'] as const)(
    '%s: both parts carry the link; names are escaped in HTML',
    (lang) => {
      const mail = resetMail(to(lang), LINK);
      expect(mail.text).toContain(LINK);
      expect(mail.html).toContain('href="https://app.example.test/reset/#token=abc&amp;def"');
      expect(mail.html).toContain(`<html lang="${lang}">`);
      expect(mail.html).toContain('Ada &lt;Lovelace&gt;');
      expect(mail.html).not.toContain('<Lovelace>');
      expect(mail.text).toContain('Ada <Lovelace>');
      if (lang !== 'en') expect(mail.subject).not.toBe(resetMail(to('en'), LINK).subject);
    },
  );

  it('states when the password changed, in the user’s language and time zone', () => {
    const at = new Date('2025-07-01T12:00:00Z');
    expect(passwordChangedMail(to('de'), at).text).toContain('1. Juli 2025 um 13:00');
    expect(passwordChangedMail({ ...to('en'), timeZone: 'Not/AZone' }, at).text).toContain('UTC');
  });

  it('writes English for languages it has no texts in', () => {
    expect(mailLanguage('fr')).toBe('en');
    expect(mailLanguage(null)).toBe('en');
    expect(mailLanguage('pt')).toBe('pt');
  });
});
