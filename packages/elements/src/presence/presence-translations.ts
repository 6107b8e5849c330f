import type { Language } from '../shared/translations.js';

// Texts of presence (MC-7). `en` defines the terms.

const en = {
  status: {
    available: 'Available',
    busy: 'Busy (in a call)',
    away: 'Away',
    offline: 'Offline',
  } as Record<string, string>,
  mine: 'Your status',
  choose: { available: 'Available', away: 'Away' } as Record<string, string>,
  of: (name: string, status: string) => `${name}: ${status}`,
};
export type PresenceTerms = typeof en;

const de: PresenceTerms = {
  status: { available: 'Verfügbar', busy: 'Beschäftigt (im Anruf)', away: 'Abwesend', offline: 'Offline' },
  mine: 'Ihr Status',
  choose: { available: 'Verfügbar', away: 'Abwesend' },
  of: (name, status) => `${name}: ${status}`,
};

const es: PresenceTerms = {
  status: { available: 'Disponible', busy: 'Ocupado (en llamada)', away: 'Ausente', offline: 'Desconectado' },
  mine: 'Su estado',
  choose: { available: 'Disponible', away: 'Ausente' },
  of: (name, status) => `${name}: ${status}`,
};

const pt: PresenceTerms = {
  status: { available: 'Disponível', busy: 'Ocupado (em chamada)', away: 'Ausente', offline: 'Offline' },
  mine: 'O seu estado',
  choose: { available: 'Disponível', away: 'Ausente' },
  of: (name, status) => `${name}: ${status}`,
};

export const presenceTranslations: Record<Language, PresenceTerms> = { en, de, es, pt };
