import { inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { contentDisposition, EXPORT_LABELS, exportFileName, toMarkdown, toPdf } from './export.js';
import type { SummaryWire } from './schemas.js';

/** The text lines a PDF draws (`<hex> Tj` in its content streams), decoded from WinAnsi. */
function pdfLines(bytes: Uint8Array): string[] {
  const raw = Buffer.from(bytes);
  const lines: string[] = [];
  let at = 0;
  for (;;) {
    const start = raw.indexOf('stream', at, 'latin1');
    if (start < 0) break;
    const bodyStart = start + (raw[start + 6] === 0x0d ? 8 : 7);
    const end = raw.indexOf('endstream', bodyStart, 'latin1');
    at = end + 9;
    let text: string;
    try {
      text = inflateSync(raw.subarray(bodyStart, end)).toString('latin1');
    } catch {
      continue;
    }
    for (const m of text.matchAll(/<([0-9A-Fa-f]*)> Tj/g)) {
      lines.push(Buffer.from(m[1] ?? '', 'hex').toString('latin1'));
    }
  }
  return lines;
}

function summary(over: Partial<SummaryWire>): SummaryWire {
  return {
    id: 'sum_0123456789abcdef',
    sessionId: 'ses_1',
    status: 'ready',
    reason: null,
    title: 'Printer offline',
    problem: 'The printer stopped printing.',
    steps: ['Restarted the printer'],
    resolution: 'It prints again.',
    followUps: [],
    issueType: 'connectivity',
    applications: ['Outlook'],
    devices: ['Printer'],
    language: 'en',
    summarizer: 'builtin',
    editedBy: null,
    editedAt: null,
    session: {
      reason: 'Printer offline',
      ticketLinks: [],
      portal: { id: 'portal_1', name: 'Service' },
      device: { id: 'dev_1', name: 'Boiler 12' },
      agents: [{ id: 'u1', displayName: 'Ana' }],
      requestedAt: '2026-03-01T10:00:00.000Z',
      completedAt: '2026-03-01T10:30:00.000Z',
    },
    version: 2,
    createdAt: '2026-03-01T10:31:00.000Z',
    updatedAt: '2026-03-01T10:31:00.000Z',
    allowed: [],
    ...over,
  };
}

describe('Summary exports in the summary’s language (SI-8, SI-10)', () => {
  const cases = [
    ['de', 'Drucker druckt nicht über WLAN – Größe prüfen', 'Durchgeführte Schritte', 'Lösung'],
    ['es', 'La impresora no imprime: configuración de señal', 'Pasos realizados', 'Solución'],
    ['pt', 'Impressora não imprime após troca do roteador', 'Passos realizados', 'Solução'],
  ] as const;

  it.each(cases)(
    '%s: Markdown headings and the PDF’s text keep the accents',
    async (language, title, steps, resolution) => {
      const s = summary({ language, title, followUps: ['Técnico mañana'] });
      const md = toMarkdown(s);
      expect(md.startsWith(`# ${title}\n`)).toBe(true);
      expect(md).toContain(`## ${steps}\n`);
      expect(md).toContain(`## ${resolution}\n`);
      expect(md).toContain(`## ${EXPORT_LABELS[language].followUps}\n`);
      expect(md).toContain(EXPORT_LABELS[language].issueTypes.connectivity);
      const bytes = await toPdf(s);
      expect(Buffer.from(bytes.slice(0, 5)).toString('latin1')).toBe('%PDF-');
      const doc = await PDFDocument.load(bytes);
      expect(doc.getTitle()).toBe(title);
      const lines = pdfLines(bytes);
      expect(lines).toContain(title.replace('–', '\u0096'));
      expect(lines).toContain(steps);
      expect(lines).toContain(resolution);
    },
  );

  it('characters the PDF font cannot draw become a plain letter or “?”, never an error', async () => {
    const bytes = await toPdf(
      summary({ title: 'Kyiv → Київ Ǹ 🙂', problem: 'Arrow → and emoji 🙂 in the chat.' }),
    );
    const lines = pdfLines(bytes);
    expect(lines[0]).toBe('Kyiv ? ???? N ?');
    expect(lines).toContain('Arrow ? and emoji ? in the chat.');
  });

  it('long text wraps within the page and runs onto more pages', async () => {
    const long = Array.from({ length: 400 }, (_, i) => `Step ${i} checked the Wi-Fi settings carefully.`);
    const bytes = await toPdf(summary({ steps: long, problem: 'x'.repeat(500) }));
    const doc = await PDFDocument.load(bytes);
    expect(doc.getPageCount()).toBeGreaterThan(3);
    const lines = pdfLines(bytes);
    // The 500-letter word is cut into pieces that fit the line.
    expect(lines.filter((l) => /^x+$/.test(l)).length).toBeGreaterThan(1);
  });

  it('file names: the title made safe, accents dropped, and the id', () => {
    expect(exportFileName(summary({ title: 'Grösse & Lösung: Wi-Fi!' }), 'pdf')).toBe(
      'grosse-losung-wi-fi-89abcdef.pdf',
    );
    expect(exportFileName(summary({ title: 'Straße' }), 'md')).toBe('strasse-89abcdef.md');
    expect(exportFileName(summary({ title: null }), 'md')).toBe('summary-89abcdef.md');
    expect(contentDisposition(summary({ title: 'Lösung (neu)' }), 'pdf')).toBe(
      `attachment; filename="losung-neu-89abcdef.pdf"; filename*=UTF-8''L%C3%B6sung%20%28neu%29.pdf`,
    );
  });
});
