import type { SummaryLanguage } from '@sightline/core/domain';

/** The built-in summarizer's fixed phrases, in the organization's summary language (SI-10). */
export interface Phrases {
  call(minutes: number, transport: string): string;
  screenshots(n: number): string;
  annotations(n: number): string;
  recordingConsent(granted: boolean): string;
  tickets(links: string): string;
  noResolution: string;
  noProblem: string;
  untitled: string;
}

const min = (n: number) => Math.max(1, Math.round(n));

export const PHRASES: Record<SummaryLanguage, Phrases> = {
  en: {
    call: (m, t) => `Video call of ${min(m)} min (${t === 'livekit' ? 'media server' : 'peer-to-peer'})`,
    screenshots: (n) => `${n} screenshot${n === 1 ? '' : 's'} taken`,
    annotations: (n) => `${n} annotation${n === 1 ? '' : 's'} drawn on screenshots`,
    recordingConsent: (g) => (g ? 'The customer agreed to recording' : 'The customer declined recording'),
    tickets: (l) => `Linked tickets: ${l}`,
    noResolution: 'No resolution was recorded in the conversation.',
    noProblem: 'The customer did not describe the problem in writing.',
    untitled: 'Support session',
  },
  de: {
    call: (m, t) => `Videoanruf von ${min(m)} Min. (${t === 'livekit' ? 'Medienserver' : 'Peer-to-Peer'})`,
    screenshots: (n) => `${n} Screenshot${n === 1 ? '' : 's'} aufgenommen`,
    annotations: (n) => `${n} Markierung${n === 1 ? '' : 'en'} auf Screenshots`,
    recordingConsent: (g) =>
      g ? 'Der Kunde hat der Aufzeichnung zugestimmt' : 'Der Kunde hat die Aufzeichnung abgelehnt',
    tickets: (l) => `Verknüpfte Tickets: ${l}`,
    noResolution: 'Im Gespräch wurde keine Lösung festgehalten.',
    noProblem: 'Der Kunde hat das Problem nicht schriftlich beschrieben.',
    untitled: 'Support-Sitzung',
  },
  es: {
    call: (m, t) =>
      `Videollamada de ${min(m)} min (${t === 'livekit' ? 'servidor de medios' : 'punto a punto'})`,
    screenshots: (n) => `${n} captura${n === 1 ? '' : 's'} de pantalla`,
    annotations: (n) => `${n} anotaci${n === 1 ? 'ón' : 'ones'} en capturas`,
    recordingConsent: (g) => (g ? 'El cliente aceptó la grabación' : 'El cliente rechazó la grabación'),
    tickets: (l) => `Tickets vinculados: ${l}`,
    noResolution: 'La conversación no recoge ninguna solución.',
    noProblem: 'El cliente no describió el problema por escrito.',
    untitled: 'Sesión de soporte',
  },
  pt: {
    call: (m, t) =>
      `Videochamada de ${min(m)} min (${t === 'livekit' ? 'servidor de mídia' : 'ponto a ponto'})`,
    screenshots: (n) => `${n} captura${n === 1 ? '' : 's'} de tela`,
    annotations: (n) => `${n} anotaç${n === 1 ? 'ão' : 'ões'} em capturas`,
    recordingConsent: (g) => (g ? 'O cliente aceitou a gravação' : 'O cliente recusou a gravação'),
    tickets: (l) => `Tickets vinculados: ${l}`,
    noResolution: 'A conversa não registra nenhuma solução.',
    noProblem: 'O cliente não descreveu o problema por escrito.',
    untitled: 'Sessão de suporte',
  },
};
