import { withSharedTerms } from '../shared/translations.js';

// The session search's texts (MC-10), loaded with it.

const en = {
  searchHeading: 'Find sessions',
  searchText: 'Session id or words of the reason',
  searchStatus: 'Status',
  anyStatus: 'Any status',
  searchFrom: 'Requested from',
  searchTo: 'Requested until',
  searchButton: 'Search',
  found: (n: number, more: boolean) =>
    n === 0 ? 'No sessions found.' : `${n}${more ? '+' : ''} ${n === 1 ? 'session' : 'sessions'} found.`,
  loadMore: 'Show more',
  rangeInvalid: 'The start date must be before the end date.',
};

/** The session search's terms; every language provides each one. */
export type SearchTerms = typeof en;

const de: SearchTerms = {
  searchHeading: 'Sitzungen finden',
  searchText: 'Sitzungs-ID oder Wörter des Anliegens',
  searchStatus: 'Status',
  anyStatus: 'Jeder Status',
  searchFrom: 'Angefragt ab',
  searchTo: 'Angefragt bis',
  searchButton: 'Suchen',
  found: (n, more) =>
    n === 0
      ? 'Keine Sitzungen gefunden.'
      : `${n}${more ? '+' : ''} ${n === 1 ? 'Sitzung' : 'Sitzungen'} gefunden.`,
  loadMore: 'Mehr anzeigen',
  rangeInvalid: 'Das Anfangsdatum muss vor dem Enddatum liegen.',
};

const es: SearchTerms = {
  searchHeading: 'Buscar sesiones',
  searchText: 'Id de sesión o palabras del motivo',
  searchStatus: 'Estado',
  anyStatus: 'Cualquier estado',
  searchFrom: 'Solicitada desde',
  searchTo: 'Solicitada hasta',
  searchButton: 'Buscar',
  found: (n, more) =>
    n === 0
      ? 'No se encontraron sesiones.'
      : `${n}${more ? '+' : ''} ${n === 1 ? 'sesión encontrada' : 'sesiones encontradas'}.`,
  loadMore: 'Mostrar más',
  rangeInvalid: 'La fecha de inicio debe ser anterior a la fecha final.',
};

const pt: SearchTerms = {
  searchHeading: 'Encontrar sessões',
  searchText: 'Id da sessão ou palavras do motivo',
  searchStatus: 'Estado',
  anyStatus: 'Qualquer estado',
  searchFrom: 'Pedida desde',
  searchTo: 'Pedida até',
  searchButton: 'Pesquisar',
  found: (n, more) =>
    n === 0
      ? 'Nenhuma sessão encontrada.'
      : `${n}${more ? '+' : ''} ${n === 1 ? 'sessão encontrada' : 'sessões encontradas'}.`,
  loadMore: 'Mostrar mais',
  rangeInvalid: 'A data de início tem de ser anterior à data de fim.',
};

/** Every text the search shows: the shared terms and its own. */
export const searchTerms = withSharedTerms<SearchTerms>({ en, de, es, pt });
