import type { Language } from '../../shared/translations.js';

// Texts of saved, scheduled and monthly reports (MC-9). `en` defines the terms; report names come
// from the reports section's terms.

const en = {
  heading: 'Saved and scheduled reports',
  intro: 'Save a report to run it again over a moving period, or have it emailed as CSV.',
  name: 'Name',
  kind: 'Report',
  period: 'Period',
  periods: {
    'last-7-days': 'Last 7 days',
    'last-30-days': 'Last 30 days',
    'previous-month': 'Previous month',
    fixed: 'Fixed dates',
  } as Record<string, string>,
  schedule: 'Email',
  schedules: {
    none: 'Not emailed',
    daily: 'Daily, 06:00 UTC',
    weekly: 'Mondays, 06:00 UTC',
    monthly: 'On the 1st, 06:00 UTC',
  } as Record<string, string>,
  recipients: 'Recipients (comma-separated emails)',
  save: 'Save report',
  saved: (name: string) => `“${name}” saved.`,
  none: 'No saved reports yet.',
  nextRun: 'Next email',
  download: 'Download CSV',
  remove: 'Delete',
  removed: (name: string) => `“${name}” deleted.`,
  monthly: 'Monthly reports',
  monthlyIntro: 'Made on the first of each month for the month before, kept one year.',
  month: 'Month',
  noMonthly: 'No monthly reports yet.',
};
export type SavedReportsTerms = typeof en;

const de: SavedReportsTerms = {
  heading: 'Gespeicherte und geplante Berichte',
  intro:
    'Speichern Sie einen Bericht, um ihn über einen gleitenden Zeitraum erneut abzurufen oder als CSV per E-Mail zu erhalten.',
  name: 'Name',
  kind: 'Bericht',
  period: 'Zeitraum',
  periods: {
    'last-7-days': 'Letzte 7 Tage',
    'last-30-days': 'Letzte 30 Tage',
    'previous-month': 'Vormonat',
    fixed: 'Feste Daten',
  },
  schedule: 'E-Mail',
  schedules: {
    none: 'Kein Versand',
    daily: 'Täglich, 06:00 UTC',
    weekly: 'Montags, 06:00 UTC',
    monthly: 'Am 1., 06:00 UTC',
  },
  recipients: 'Empfänger (E-Mail-Adressen, durch Kommas getrennt)',
  save: 'Bericht speichern',
  saved: (name) => `„${name}“ gespeichert.`,
  none: 'Noch keine gespeicherten Berichte.',
  nextRun: 'Nächste E-Mail',
  download: 'CSV herunterladen',
  remove: 'Löschen',
  removed: (name) => `„${name}“ gelöscht.`,
  monthly: 'Monatsberichte',
  monthlyIntro: 'Am Ersten jedes Monats für den Vormonat erstellt, ein Jahr aufbewahrt.',
  month: 'Monat',
  noMonthly: 'Noch keine Monatsberichte.',
};

const es: SavedReportsTerms = {
  heading: 'Informes guardados y programados',
  intro: 'Guarde un informe para volver a verlo sobre un periodo móvil o recibirlo por correo en CSV.',
  name: 'Nombre',
  kind: 'Informe',
  period: 'Periodo',
  periods: {
    'last-7-days': 'Últimos 7 días',
    'last-30-days': 'Últimos 30 días',
    'previous-month': 'Mes anterior',
    fixed: 'Fechas fijas',
  },
  schedule: 'Correo',
  schedules: {
    none: 'Sin envío',
    daily: 'Diario, 06:00 UTC',
    weekly: 'Los lunes, 06:00 UTC',
    monthly: 'El día 1, 06:00 UTC',
  },
  recipients: 'Destinatarios (correos separados por comas)',
  save: 'Guardar informe',
  saved: (name) => `«${name}» guardado.`,
  none: 'Aún no hay informes guardados.',
  nextRun: 'Próximo envío',
  download: 'Descargar CSV',
  remove: 'Eliminar',
  removed: (name) => `«${name}» eliminado.`,
  monthly: 'Informes mensuales',
  monthlyIntro: 'Se crean el día 1 de cada mes para el mes anterior y se guardan un año.',
  month: 'Mes',
  noMonthly: 'Aún no hay informes mensuales.',
};

const pt: SavedReportsTerms = {
  heading: 'Relatórios guardados e agendados',
  intro: 'Guarde um relatório para o ver de novo sobre um período móvel ou recebê-lo por e-mail em CSV.',
  name: 'Nome',
  kind: 'Relatório',
  period: 'Período',
  periods: {
    'last-7-days': 'Últimos 7 dias',
    'last-30-days': 'Últimos 30 dias',
    'previous-month': 'Mês anterior',
    fixed: 'Datas fixas',
  },
  schedule: 'E-mail',
  schedules: {
    none: 'Sem envio',
    daily: 'Diário, 06:00 UTC',
    weekly: 'Às segundas, 06:00 UTC',
    monthly: 'No dia 1, 06:00 UTC',
  },
  recipients: 'Destinatários (e-mails separados por vírgulas)',
  save: 'Guardar relatório',
  saved: (name) => `“${name}” guardado.`,
  none: 'Ainda não há relatórios guardados.',
  nextRun: 'Próximo envio',
  download: 'Descarregar CSV',
  remove: 'Eliminar',
  removed: (name) => `“${name}” eliminado.`,
  monthly: 'Relatórios mensais',
  monthlyIntro: 'Criados no dia 1 de cada mês para o mês anterior, guardados um ano.',
  month: 'Mês',
  noMonthly: 'Ainda não há relatórios mensais.',
};

export const savedReportsTranslations: Record<Language, SavedReportsTerms> = { en, de, es, pt };
