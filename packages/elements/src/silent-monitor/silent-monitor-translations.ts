import type { Language } from '../shared/translations.js';

// Texts of silent monitoring (MC-8). `en` defines the terms.

const en = {
  heading: 'Silent monitoring',
  notice: 'Monitoring — not visible to the participants. You watch and listen only.',
  starting: 'Connecting to the call…',
  waiting: 'Waiting for the participants’ media…',
  participant: (n: number) => `Participant ${n}`,
  noVideo: 'No video',
  listen: 'Listen',
  leave: 'Leave',
  left: 'You left the monitoring.',
  failed: (why: string) => `Monitoring could not start: ${why}`,
};
export type SilentMonitorTerms = typeof en;

const de: SilentMonitorTerms = {
  heading: 'Stilles Mithören',
  notice: 'Mithören — für die Teilnehmenden nicht sichtbar. Sie sehen und hören nur zu.',
  starting: 'Verbindung zum Anruf…',
  waiting: 'Warten auf Bild und Ton der Teilnehmenden…',
  participant: (n) => `Teilnehmer ${n}`,
  noVideo: 'Kein Bild',
  listen: 'Ton',
  leave: 'Verlassen',
  left: 'Sie haben das Mithören beendet.',
  failed: (why) => `Mithören konnte nicht starten: ${why}`,
};

const es: SilentMonitorTerms = {
  heading: 'Supervisión silenciosa',
  notice: 'Supervisando — invisible para los participantes. Solo ve y escucha.',
  starting: 'Conectando con la llamada…',
  waiting: 'Esperando el audio y vídeo de los participantes…',
  participant: (n) => `Participante ${n}`,
  noVideo: 'Sin vídeo',
  listen: 'Escuchar',
  leave: 'Salir',
  left: 'Ha salido de la supervisión.',
  failed: (why) => `No se pudo iniciar la supervisión: ${why}`,
};

const pt: SilentMonitorTerms = {
  heading: 'Monitoramento silencioso',
  notice: 'Monitorando — invisível para os participantes. Você apenas vê e ouve.',
  starting: 'Conectando à chamada…',
  waiting: 'Aguardando o áudio e vídeo dos participantes…',
  participant: (n) => `Participante ${n}`,
  noVideo: 'Sem vídeo',
  listen: 'Ouvir',
  leave: 'Sair',
  left: 'Você saiu do monitoramento.',
  failed: (why) => `Não foi possível iniciar o monitoramento: ${why}`,
};

export const silentMonitorTranslations: Record<Language, SilentMonitorTerms> = { en, de, es, pt };
