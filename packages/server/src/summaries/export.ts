import type { IssueType, SummaryLanguage } from '@sightline/core/domain';
import type { PDFFont } from 'pdf-lib';
import type { SummaryWire } from './schemas.js';

/** Headings and issue-type labels of exports, in the summary's language (SI-10). */
export const EXPORT_LABELS: Record<
  SummaryLanguage,
  {
    problem: string;
    steps: string;
    resolution: string;
    followUps: string;
    issueType: string;
    applications: string;
    devices: string;
    session: string;
    edited: string;
    issueTypes: Record<IssueType, string>;
  }
> = {
  en: {
    problem: 'Problem',
    steps: 'Steps taken',
    resolution: 'Resolution',
    followUps: 'Follow-ups',
    issueType: 'Issue type',
    applications: 'Applications',
    devices: 'Devices',
    session: 'Session',
    edited: 'Edited by',
    issueTypes: {
      connectivity: 'Connectivity',
      hardware: 'Hardware',
      software: 'Software',
      configuration: 'Configuration',
      account: 'Account and sign-in',
      installation: 'Installation',
      performance: 'Performance',
      other: 'Other',
    },
  },
  de: {
    problem: 'Problem',
    steps: 'Durchgeführte Schritte',
    resolution: 'Lösung',
    followUps: 'Nächste Schritte',
    issueType: 'Problemart',
    applications: 'Anwendungen',
    devices: 'Geräte',
    session: 'Sitzung',
    edited: 'Bearbeitet von',
    issueTypes: {
      connectivity: 'Verbindung',
      hardware: 'Hardware',
      software: 'Software',
      configuration: 'Konfiguration',
      account: 'Konto und Anmeldung',
      installation: 'Installation',
      performance: 'Leistung',
      other: 'Sonstiges',
    },
  },
  es: {
    problem: 'Problema',
    steps: 'Pasos realizados',
    resolution: 'Solución',
    followUps: 'Seguimiento',
    issueType: 'Tipo de incidencia',
    applications: 'Aplicaciones',
    devices: 'Dispositivos',
    session: 'Sesión',
    edited: 'Editado por',
    issueTypes: {
      connectivity: 'Conectividad',
      hardware: 'Hardware',
      software: 'Software',
      configuration: 'Configuración',
      account: 'Cuenta e inicio de sesión',
      installation: 'Instalación',
      performance: 'Rendimiento',
      other: 'Otro',
    },
  },
  pt: {
    problem: 'Problema',
    steps: 'Passos realizados',
    resolution: 'Solução',
    followUps: 'Próximos passos',
    issueType: 'Tipo de problema',
    applications: 'Aplicativos',
    devices: 'Dispositivos',
    session: 'Sessão',
    edited: 'Editado por',
    issueTypes: {
      connectivity: 'Conectividade',
      hardware: 'Hardware',
      software: 'Software',
      configuration: 'Configuração',
      account: 'Conta e login',
      installation: 'Instalação',
      performance: 'Desempenho',
      other: 'Outro',
    },
  },
};

const labelsOf = (s: SummaryWire) => EXPORT_LABELS[s.language ?? 'en'];

/** The summary as Markdown. */
export function toMarkdown(s: SummaryWire): string {
  const l = labelsOf(s);
  const list = (items: string[]) => items.map((i) => `- ${i}`).join('\n');
  const parts = [
    `# ${s.title ?? ''}`,
    `**${l.issueType}:** ${s.issueType ? l.issueTypes[s.issueType] : '—'}  `,
    `**${l.applications}:** ${s.applications.join(', ') || '—'}  `,
    `**${l.devices}:** ${s.devices.join(', ') || '—'}  `,
    `**${l.session}:** ${s.sessionId} · ${s.session.portal.name} · ${s.session.requestedAt}`,
    `## ${l.problem}\n\n${s.problem ?? ''}`,
    `## ${l.steps}\n\n${list(s.steps)}`,
    `## ${l.resolution}\n\n${s.resolution ?? ''}`,
    ...(s.followUps.length ? [`## ${l.followUps}\n\n${list(s.followUps)}`] : []),
    ...(s.editedBy ? [`_${l.edited} ${s.editedBy.displayName} · ${s.editedAt}_`] : []),
  ];
  return `${parts.join('\n\n')}\n`;
}

/** Text the standard font can draw: characters outside WinAnsi become their closest ASCII or `?`. */
function drawable(font: PDFFont, text: string): string {
  let out = '';
  for (const ch of text.replace(/[\r\t]/g, ' ')) {
    try {
      font.encodeText(ch);
      out += ch;
    } catch {
      const plain = ch.normalize('NFD').replace(/\p{M}/gu, '');
      try {
        font.encodeText(plain);
        out += plain;
      } catch {
        out += '?';
      }
    }
  }
  return out;
}

/** Words of a paragraph broken into lines that fit `width` at `size`. */
function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const candidate = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(candidate, size) <= width) line = candidate;
      else {
        if (line) lines.push(line);
        line = word;
        // A single word wider than the line is cut.
        while (font.widthOfTextAtSize(line, size) > width && line.length > 1) {
          let cut = line.length - 1;
          while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut--;
          lines.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      }
    }
    lines.push(line);
  }
  return lines;
}

/**
 * The summary as a PDF (pdf-lib, standard fonts, A4, wrapped text over as many pages as needed).
 * pdf-lib loads at the first export, not with the server (about 0.1 s of every start).
 */
export async function toPdf(s: SummaryWire): Promise<Uint8Array> {
  const { PDFDocument, rgb, StandardFonts } = await import('pdf-lib');
  const l = labelsOf(s);
  const doc = await PDFDocument.create();
  doc.setTitle(s.title ?? 'Summary');
  doc.setLanguage(s.language ?? 'en');
  doc.setProducer('Sightline');
  const regular = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const [pageWidth, pageHeight, margin] = [595.28, 841.89, 56];
  const width = pageWidth - margin * 2;
  let page = doc.addPage([pageWidth, pageHeight]);
  let y = pageHeight - margin;
  const write = (text: string, font: PDFFont, size: number, gap = 4, color = rgb(0.1, 0.12, 0.14)) => {
    for (const line of wrap(font, drawable(font, text), size, width)) {
      if (y - size < margin) {
        page = doc.addPage([pageWidth, pageHeight]);
        y = pageHeight - margin;
      }
      page.drawText(line, { x: margin, y: y - size, size, font, color });
      y -= size + gap;
    }
  };
  write(s.title ?? '', bold, 18, 8);
  const meta = [
    `${l.issueType}: ${s.issueType ? l.issueTypes[s.issueType] : '-'}`,
    `${l.applications}: ${s.applications.join(', ') || '-'}`,
    `${l.devices}: ${s.devices.join(', ') || '-'}`,
    `${l.session}: ${s.session.portal.name} · ${s.session.device.name} · ${s.session.requestedAt.slice(0, 16).replace('T', ' ')}`,
  ];
  for (const m of meta) write(m, regular, 10, 3, rgb(0.35, 0.38, 0.42));
  const section = (heading: string, body: string | string[]) => {
    y -= 10;
    write(heading, bold, 13, 6);
    if (Array.isArray(body)) for (const item of body) write(`• ${item}`, regular, 11);
    else write(body, regular, 11);
  };
  section(l.problem, s.problem ?? '');
  section(l.steps, s.steps);
  section(l.resolution, s.resolution ?? '');
  if (s.followUps.length) section(l.followUps, s.followUps);
  if (s.editedBy) {
    y -= 10;
    write(
      `${l.edited} ${s.editedBy.displayName} · ${s.editedAt ?? ''}`,
      regular,
      9,
      3,
      rgb(0.35, 0.38, 0.42),
    );
  }
  return doc.save();
}

/** A file name for a download: the title, made safe, and the summary id. */
export function exportFileName(s: SummaryWire, extension: string): string {
  const base = (s.title ?? 'summary')
    .replace(/ß/g, 'ss')
    .replace(/[æÆ]/g, 'ae')
    .replace(/[øØ]/g, 'o')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase();
  return `${base || 'summary'}-${s.id.slice(-8)}.${extension}`;
}

/**
 * `Content-Disposition` of a download: the safe ASCII name, and the title as written (accents and
 * all) for clients that read RFC 6266's `filename*`.
 */
export function contentDisposition(s: SummaryWire, extension: string): string {
  const ascii = exportFileName(s, extension);
  const title = (s.title ?? '')
    .replace(/[\p{Cc}/\\]/gu, ' ')
    .trim()
    .slice(0, 120);
  if (!title || `${title}.${extension}` === ascii) return `attachment; filename="${ascii}"`;
  const encoded = encodeURIComponent(`${title}.${extension}`).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
