import type { Language } from '../../shared/translations.js';

// Texts of the recording export (MC-11). `en` defines the terms.

const en = {
  heading: 'Export recordings',
  intro:
    'One ZIP of the recordings you may export — company managers all, team managers their teams’ sessions, agents their own — with a manifest. Protected recordings stay sealed: only their portal’s replay passphrase opens them.',
  from: 'Recorded from',
  to: 'Until',
  portal: 'Portal',
  team: 'Team',
  all: 'All',
  export: 'Export as ZIP',
  rangeInvalid: 'The start date must be on or before the end date.',
  exporting: (mb: string) => `Exporting… ${mb} MB`,
  exported: (mb: string) => `Exported ${mb} MB.`,
  cancelled: 'Export cancelled.',
};

export type RecordingExportTerms = typeof en;

const de: RecordingExportTerms = {
  heading: 'Aufnahmen exportieren',
  intro:
    'Ein ZIP der Aufnahmen, die Sie exportieren dürfen – Unternehmensmanager alle, Teammanager die Sitzungen ihrer Teams, Agenten ihre eigenen – mit einem Manifest. Geschützte Aufnahmen bleiben versiegelt: Nur die Wiedergabe-Passphrase ihres Portals öffnet sie.',
  from: 'Aufgenommen ab',
  to: 'Bis',
  portal: 'Portal',
  team: 'Team',
  all: 'Alle',
  export: 'Als ZIP exportieren',
  rangeInvalid: 'Das Startdatum muss vor oder auf dem Enddatum liegen.',
  exporting: (mb) => `Exportiere… ${mb} MB`,
  exported: (mb) => `${mb} MB exportiert.`,
  cancelled: 'Export abgebrochen.',
};

const es: RecordingExportTerms = {
  heading: 'Exportar grabaciones',
  intro:
    'Un ZIP de las grabaciones que puede exportar —los gerentes de empresa todas, los gerentes de equipo las sesiones de sus equipos, los agentes las suyas— con un manifiesto. Las grabaciones protegidas siguen selladas: solo la frase de reproducción de su portal las abre.',
  from: 'Grabado desde',
  to: 'Hasta',
  portal: 'Portal',
  team: 'Equipo',
  all: 'Todos',
  export: 'Exportar como ZIP',
  rangeInvalid: 'La fecha de inicio debe ser anterior o igual a la de fin.',
  exporting: (mb) => `Exportando… ${mb} MB`,
  exported: (mb) => `${mb} MB exportados.`,
  cancelled: 'Exportación cancelada.',
};

const pt: RecordingExportTerms = {
  heading: 'Exportar gravações',
  intro:
    'Um ZIP das gravações que pode exportar — gestores da empresa todas, gestores de equipa as sessões das suas equipas, agentes as suas — com um manifesto. As gravações protegidas continuam seladas: só a frase de reprodução do seu portal as abre.',
  from: 'Gravado desde',
  to: 'Até',
  portal: 'Portal',
  team: 'Equipa',
  all: 'Todos',
  export: 'Exportar como ZIP',
  rangeInvalid: 'A data de início tem de ser anterior ou igual à data de fim.',
  exporting: (mb) => `A exportar… ${mb} MB`,
  exported: (mb) => `${mb} MB exportados.`,
  cancelled: 'Exportação cancelada.',
};

export const recordingExportTranslations: Record<Language, RecordingExportTerms> = { en, de, es, pt };
