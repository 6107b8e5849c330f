import type { Language } from '../../shared/translations.js';

// Names of the feature switches and their states, shared by portal and team settings (MC-1, MC-5).

const en = {
  features: {
    requests: 'Customer requests',
    recording: 'Recording',
    screenshots: 'Screenshots',
    drawing: 'Drawing on video',
    markers: 'Tracked markers',
    mirror: 'Mirrored view',
    chat: 'Chat',
    summaries: 'AI summaries',
    logSessions: 'Log sessions for reports',
  } as Record<string, string>,
  modes: { off: 'Off', on: 'On', required: 'Required' } as Record<string, string>,
  modeHelp: {
    off: 'Nobody in this portal may use it.',
    on: 'Team and agent settings decide.',
    required: 'On for everyone; cannot be turned off below.',
  } as Record<string, string>,
  inherit: 'Inherit',
  on: 'On',
  off: 'Off',
  inherited: (value: string, from: string) => `${value} — from ${from}`,
  defaultSource: 'the default',
  teamSource: (name: string) => `team ${name}`,
  ownSource: 'this agent',
};

/** Every feature term. */
export type FeatureTerms = typeof en;

const de: FeatureTerms = {
  features: {
    requests: 'Kundenanfragen',
    recording: 'Aufzeichnung',
    screenshots: 'Bildschirmfotos',
    drawing: 'Zeichnen im Video',
    markers: 'Verfolgte Markierungen',
    mirror: 'Gespiegelte Ansicht',
    chat: 'Chat',
    summaries: 'KI-Zusammenfassungen',
    logSessions: 'Sitzungen für Berichte protokollieren',
  },
  modes: { off: 'Aus', on: 'An', required: 'Pflicht' },
  modeHelp: {
    off: 'Niemand in diesem Portal darf es nutzen.',
    on: 'Team- und Agenteneinstellungen entscheiden.',
    required: 'Für alle an; darunter nicht abschaltbar.',
  },
  inherit: 'Übernehmen',
  on: 'An',
  off: 'Aus',
  inherited: (value, from) => `${value} — von ${from}`,
  defaultSource: 'der Voreinstellung',
  teamSource: (name) => `Team ${name}`,
  ownSource: 'diesem Agenten',
};

const es: FeatureTerms = {
  features: {
    requests: 'Solicitudes de clientes',
    recording: 'Grabación',
    screenshots: 'Capturas de pantalla',
    drawing: 'Dibujar en el vídeo',
    markers: 'Marcadores con seguimiento',
    mirror: 'Vista reflejada',
    chat: 'Chat',
    summaries: 'Resúmenes con IA',
    logSessions: 'Registrar sesiones para informes',
  },
  modes: { off: 'Desactivado', on: 'Activado', required: 'Obligatorio' },
  modeHelp: {
    off: 'Nadie en este portal puede usarlo.',
    on: 'Deciden los ajustes del equipo y del agente.',
    required: 'Activado para todos; no se puede desactivar más abajo.',
  },
  inherit: 'Heredar',
  on: 'Activado',
  off: 'Desactivado',
  inherited: (value, from) => `${value} — de ${from}`,
  defaultSource: 'el valor predeterminado',
  teamSource: (name) => `el equipo ${name}`,
  ownSource: 'este agente',
};

const pt: FeatureTerms = {
  features: {
    requests: 'Pedidos de clientes',
    recording: 'Gravação',
    screenshots: 'Capturas de ecrã',
    drawing: 'Desenhar no vídeo',
    markers: 'Marcadores seguidos',
    mirror: 'Vista espelhada',
    chat: 'Chat',
    summaries: 'Resumos por IA',
    logSessions: 'Registar sessões para relatórios',
  },
  modes: { off: 'Desligado', on: 'Ligado', required: 'Obrigatório' },
  modeHelp: {
    off: 'Ninguém neste portal o pode usar.',
    on: 'Decidem as definições da equipa e do agente.',
    required: 'Ligado para todos; não pode ser desligado abaixo.',
  },
  inherit: 'Herdar',
  on: 'Ligado',
  off: 'Desligado',
  inherited: (value, from) => `${value} — de ${from}`,
  defaultSource: 'a predefinição',
  teamSource: (name) => `a equipa ${name}`,
  ownSource: 'este agente',
};

export const featureTranslations: Record<Language, FeatureTerms> = { en, de, es, pt };
