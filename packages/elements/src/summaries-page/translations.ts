import type { Language } from '../shared/translations.js';

/** The summaries page's own texts (SI-7, SI-9). */
export interface SummariesTerms {
  heading: string;
  search: string;
  issueType: string;
  application: string;
  from: string;
  to: string;
  any: string;
  apply: string;
  more: string;
  empty: string;
  byIssueType: string;
  byApplication: string;
  total: (n: number) => string;
  noApplications: string;
  agent: string;
  portal: string;
  me: string;
}

export const summariesTranslations: Record<Language, SummariesTerms> = {
  en: {
    heading: 'Session summaries',
    search: 'Search',
    issueType: 'Issue type',
    application: 'Application',
    from: 'From',
    to: 'To',
    any: 'Any',
    apply: 'Filter',
    more: 'Load more',
    empty: 'No summaries match.',
    byIssueType: 'By issue type',
    byApplication: 'By application',
    total: (n) => `${n} summar${n === 1 ? 'y' : 'ies'}`,
    noApplications: 'No applications named.',
    agent: 'Agent',
    portal: 'Portal',
    me: 'Me',
  },
  de: {
    heading: 'Sitzungszusammenfassungen',
    search: 'Suche',
    issueType: 'Problemart',
    application: 'Anwendung',
    from: 'Von',
    to: 'Bis',
    any: 'Alle',
    apply: 'Filtern',
    more: 'Mehr laden',
    empty: 'Keine Zusammenfassung passt.',
    byIssueType: 'Nach Problemart',
    byApplication: 'Nach Anwendung',
    total: (n) => `${n} Zusammenfassung${n === 1 ? '' : 'en'}`,
    noApplications: 'Keine Anwendungen genannt.',
    agent: 'Mitarbeiter:in',
    portal: 'Portal',
    me: 'Ich',
  },
  es: {
    heading: 'Resúmenes de sesiones',
    search: 'Buscar',
    issueType: 'Tipo de incidencia',
    application: 'Aplicación',
    from: 'Desde',
    to: 'Hasta',
    any: 'Todos',
    apply: 'Filtrar',
    more: 'Cargar más',
    empty: 'Ningún resumen coincide.',
    byIssueType: 'Por tipo de incidencia',
    byApplication: 'Por aplicación',
    total: (n) => `${n} resumen${n === 1 ? '' : 'es'}`,
    noApplications: 'No se nombró ninguna aplicación.',
    agent: 'Agente',
    portal: 'Portal',
    me: 'Yo',
  },
  pt: {
    heading: 'Resumos de sessões',
    search: 'Pesquisar',
    issueType: 'Tipo de problema',
    application: 'Aplicativo',
    from: 'De',
    to: 'Até',
    any: 'Todos',
    apply: 'Filtrar',
    more: 'Carregar mais',
    empty: 'Nenhum resumo corresponde.',
    byIssueType: 'Por tipo de problema',
    byApplication: 'Por aplicativo',
    total: (n) => `${n} resumo${n === 1 ? '' : 's'}`,
    noApplications: 'Nenhum aplicativo citado.',
    agent: 'Atendente',
    portal: 'Portal',
    me: 'Eu',
  },
};
