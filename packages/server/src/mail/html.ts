/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A paragraph of mail HTML from plain text. */
export function paragraph(text: string): string {
  return `<p style="margin:0 0 16px">${escapeHtml(text)}</p>`;
}

/** A call-to-action link that survives mail clients (a styled anchor, the URL repeated below it). */
export function button(label: string, href: string): string {
  const url = escapeHtml(href);
  return (
    `<p style="margin:24px 0"><a href="${url}" style="background:#0b57d0;color:#ffffff;` +
    `padding:12px 20px;border-radius:8px;text-decoration:none;font-weight:600;display:inline-block">` +
    `${escapeHtml(label)}</a></p>` +
    `<p style="margin:0 0 16px;font-size:13px;color:#57606a;word-break:break-all">${url}</p>`
  );
}

/**
 * The HTML part of a mail: a minimal, table-free layout that renders in every client; `body` is
 * already HTML (built from {@link paragraph} and {@link button}).
 * @example
 * const html = mailLayout('de', 'Passwort zurücksetzen', paragraph('Hallo'));
 */
export function mailLayout(language: string, title: string, body: string): string {
  return (
    `<!doctype html><html lang="${escapeHtml(language)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title></head>` +
    `<body style="margin:0;padding:24px;background:#f6f8fa;font-family:system-ui,sans-serif;color:#1b1f24;line-height:1.5">` +
    `<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:12px;padding:24px">` +
    `<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(title)}</h1>${body}</div></body></html>`
  );
}
