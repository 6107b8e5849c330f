import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Kysely } from 'kysely';
import type { AppEnv } from '../context.js';
import type { Database } from '../db/schema.js';
import { escapeHtml } from './html.js';

/** What the page may show: nothing leaves it, nothing frames it, nothing remembers it. */
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-robots-tag': 'noindex',
  'x-content-type-options': 'nosniff',
} as const;
const LIST_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";
// A mail's own HTML is shown sandboxed: no scripts, no forms, no requests except inline styles.
const MAIL_CSP =
  "sandbox allow-popups allow-top-navigation-by-user-activation; default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/** Plain text with its http(s) URLs as links. */
function linkify(text: string): string {
  return text
    .split(/(https?:\/\/[^\s<>"]+)/g)
    .map((part, i) =>
      i % 2 === 1 ? `<a href="${escapeHtml(part)}">${escapeHtml(part)}</a>` : escapeHtml(part),
    )
    .join('');
}

/**
 * The demo's mail outbox, for a server that runs without SMTP in demo mode only: `GET /outbox`
 * lists the latest kept mails (every organization: it is a developer's inbox, not an API), with
 * their links clickable, and `GET /outbox/{id}` shows one mail's HTML part. Never registered when
 * `SMTP_URL` is set or outside demo mode, since reset links are credentials.
 */
export function registerOutboxPage(app: OpenAPIHono<AppEnv>, db: Kysely<Database>): void {
  app.get('/outbox', async (c) => {
    const mails = await db
      .selectFrom('mail_outbox')
      .select(['id', 'recipient', 'subject', 'text_body', 'created_at'])
      .where('status', '=', 'kept')
      .orderBy('id', 'desc')
      .limit(50)
      .execute();
    const items = mails.map(
      (m) =>
        `<li><article><h2>${escapeHtml(m.subject)}</h2>` +
        `<p class="meta">To <strong>${escapeHtml(m.recipient)}</strong> · ` +
        `<time datetime="${new Date(m.created_at).toISOString()}">${escapeHtml(new Date(m.created_at).toISOString())}</time> · ` +
        `<a href="/outbox/${escapeHtml(String(m.id))}">HTML version</a></p>` +
        `<pre>${linkify(m.text_body ?? '')}</pre></article></li>`,
    );
    const body =
      `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
      `<meta name="viewport" content="width=device-width, initial-scale=1"><title>Mail outbox — Sightline demo</title>` +
      `<style>body{font-family:system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1b1f24;line-height:1.5}` +
      `a{color:#0b57d0}ol{list-style:none;padding:0}li{border:1px solid #d0d7de;border-radius:.5rem;padding:1rem;margin-block:1rem}` +
      `h2{font-size:1.1rem;margin:0}.meta{color:#57606a;margin:.25rem 0}pre{white-space:pre-wrap;word-break:break-all;font:inherit}</style>` +
      `</head><body><main><h1>Mail outbox</h1>` +
      `<p>This demo server has no <code>SMTP_URL</code>, so it keeps outgoing mail here instead of sending it. ` +
      `Newest first; reload to see new mail.</p>` +
      (items.length ? `<ol>${items.join('')}</ol>` : '<p>No mail yet.</p>') +
      `</main></body></html>`;
    return c.body(body, 200, { ...PAGE_HEADERS, 'content-security-policy': LIST_CSP });
  });

  app.get('/outbox/:id{[0-9]{1,18}}', async (c) => {
    const mail = await db
      .selectFrom('mail_outbox')
      .select('html_body')
      .where('id', '=', c.req.param('id'))
      .where('status', '=', 'kept')
      .executeTakeFirst();
    if (!mail?.html_body)
      return c.body('No such mail.', 404, { 'content-type': 'text/plain; charset=utf-8' });
    return c.body(mail.html_body, 200, { ...PAGE_HEADERS, 'content-security-policy': MAIL_CSP });
  });
}
