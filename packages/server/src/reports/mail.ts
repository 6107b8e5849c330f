import { mailLayout, paragraph } from '../mail/html.js';

type Language = 'en' | 'de' | 'es' | 'pt';

interface Texts {
  kinds: Record<string, string>;
  subject: (name: string, period: string) => string;
  body: (name: string, kind: string, period: string, rows: number) => string;
}

const TEXTS: Record<Language, Texts> = {
  en: {
    kinds: {
      'portal-performance': 'portal performance',
      'agent-performance': 'agent performance',
      'service-metrics': 'service metrics',
      'customer-feedback': 'customer feedback',
    },
    subject: (name, period) => `Report “${name}”, ${period}`,
    body: (name, kind, period, rows) =>
      `The report “${name}” (${kind}) for ${period} is attached as CSV: ${rows} ${rows === 1 ? 'row' : 'rows'}.`,
  },
  de: {
    kinds: {
      'portal-performance': 'Portal-Leistung',
      'agent-performance': 'Agenten-Leistung',
      'service-metrics': 'Service-Kennzahlen',
      'customer-feedback': 'Kundenfeedback',
    },
    subject: (name, period) => `Bericht „${name}“, ${period}`,
    body: (name, kind, period, rows) =>
      `Der Bericht „${name}“ (${kind}) für ${period} ist als CSV angehängt: ${rows} ${rows === 1 ? 'Zeile' : 'Zeilen'}.`,
  },
  es: {
    kinds: {
      'portal-performance': 'rendimiento del portal',
      'agent-performance': 'rendimiento de los agentes',
      'service-metrics': 'métricas del servicio',
      'customer-feedback': 'opiniones de los clientes',
    },
    subject: (name, period) => `Informe «${name}», ${period}`,
    body: (name, kind, period, rows) =>
      `El informe «${name}» (${kind}) de ${period} va adjunto como CSV: ${rows} ${rows === 1 ? 'fila' : 'filas'}.`,
  },
  pt: {
    kinds: {
      'portal-performance': 'desempenho do portal',
      'agent-performance': 'desempenho dos agentes',
      'service-metrics': 'métricas do serviço',
      'customer-feedback': 'opinião dos clientes',
    },
    subject: (name, period) => `Relatório «${name}», ${period}`,
    body: (name, kind, period, rows) =>
      `O relatório «${name}» (${kind}) de ${period} segue em anexo como CSV: ${rows} ${rows === 1 ? 'linha' : 'linhas'}.`,
  },
};

/** The language of a mail: one Sightline offers, else English. */
export function mailLanguage(language: string | undefined): Language {
  return (['en', 'de', 'es', 'pt'] as const).find((l) => l === language) ?? 'en';
}

/**
 * The words of a scheduled report's mail (MC-9) in one language: each recipient gets their own
 * (a user of the organization: their language; anyone else: the report owner's).
 */
export function reportMailTexts(
  language: Language,
  report: { name: string; kind: string; period: string; rows: number },
): { subject: string; text: string; html: string } {
  const t = TEXTS[language];
  const subject = t.subject(report.name, report.period);
  const text = t.body(report.name, t.kinds[report.kind] ?? report.kind, report.period, report.rows);
  return { subject, text, html: mailLayout(language, subject, paragraph(text)) };
}
