import type { Language } from '../../shared/translations.js';

// Texts of who is still in the call (VS-9). `en` defines the terms.

type Role = 'customer' | 'staff';
const clock = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

const en = {
  who: { customer: 'The customer', staff: 'Support' } as Record<Role, string>,
  away: (who: string, secondsLeft: number | undefined) =>
    secondsLeft === undefined
      ? `${who} has left the call.`
      : `${who} has left the call. It ends in ${clock(secondsLeft)} unless they come back.`,
  back: (who: string) => `${who} is back.`,
  abandoned: (who: string) => `The call has ended: ${who.toLowerCase()} was gone too long.`,
  abandonedNobody: 'The call has ended: nobody was left in it.',
  cameraOff: 'Camera off',
  muted: 'Muted',
};

export type PresenceTerms = typeof en;

const de: PresenceTerms = {
  who: { customer: 'Der Kunde', staff: 'Der Support' },
  away: (who, secondsLeft) =>
    secondsLeft === undefined
      ? `${who} hat den Anruf verlassen.`
      : `${who} hat den Anruf verlassen. Er endet in ${clock(secondsLeft)}, falls niemand zurückkommt.`,
  back: (who) => `${who} ist zurück.`,
  abandoned: (who) => `Der Anruf ist beendet: ${who} war zu lange weg.`,
  abandonedNobody: 'Der Anruf ist beendet: Niemand war mehr darin.',
  cameraOff: 'Kamera aus',
  muted: 'Stummgeschaltet',
};

const es: PresenceTerms = {
  who: { customer: 'El cliente', staff: 'El soporte' },
  away: (who, secondsLeft) =>
    secondsLeft === undefined
      ? `${who} ha salido de la llamada.`
      : `${who} ha salido de la llamada. Termina en ${clock(secondsLeft)} si no vuelve.`,
  back: (who) => `${who} ha vuelto.`,
  abandoned: (who) => `La llamada ha terminado: ${who.toLowerCase()} estuvo ausente demasiado tiempo.`,
  abandonedNobody: 'La llamada ha terminado: no quedaba nadie.',
  cameraOff: 'Cámara apagada',
  muted: 'Silenciado',
};

const pt: PresenceTerms = {
  who: { customer: 'O cliente', staff: 'O suporte' },
  away: (who, secondsLeft) =>
    secondsLeft === undefined
      ? `${who} saiu da chamada.`
      : `${who} saiu da chamada. Termina em ${clock(secondsLeft)} se não voltar.`,
  back: (who) => `${who} voltou.`,
  abandoned: (who) => `A chamada terminou: ${who.toLowerCase()} esteve ausente demasiado tempo.`,
  abandonedNobody: 'A chamada terminou: já não estava ninguém.',
  cameraOff: 'Câmara desligada',
  muted: 'Sem som',
};

export const presenceTranslations: Record<Language, PresenceTerms> = { en, de, es, pt };
