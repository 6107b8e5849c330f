import type { Language } from '../../shared/translations.js';

// Texts of the API key list (MC-1 API manager). `en` defines the terms.

const en = {
  heading: 'API keys',
  intro:
    'A key lets your own systems provision users and teams (and nothing else), for example from your HR tool.',
  newKey: 'New API key',
  noKeys: 'No API keys yet.',
  key: 'Key',
  status: 'Status',
  statuses: { active: 'Active', expired: 'Expired', revoked: 'Revoked' } as Record<string, string>,
  created: 'Created',
  expires: 'Expires',
  never: 'Never',
  lastUsed: 'Last used',
  notUsed: 'Not used yet',
  keyName: 'Name',
  keyNameHint: 'What the key is for, e.g. “HR provisioning”.',
  expiry: 'Expires on',
  expiryHint: 'Leave empty for a key that works until revoked.',
  revoke: 'Revoke',
  revokeKey: (name: string) => `Revoke ${name}`,
  revokeQuestion: (name: string) => `Revoke “${name}”?`,
  revokeExplain: 'Systems using this key are refused from now on.',
  revoked: (name: string) => `${name} was revoked.`,
  createdHeading: 'Your new API key',
  shownOnce: 'Copy the key now: it is shown only this once. Only a hash is stored.',
  copyKey: 'Copy key',
  done: 'Done',
  unnamed: 'Unnamed key',
};

/** Every API key term. */
export type ApiKeysTerms = typeof en;

const de: ApiKeysTerms = {
  heading: 'API-Schlüssel',
  intro:
    'Ein Schlüssel erlaubt Ihren eigenen Systemen, Benutzer und Teams anzulegen (und sonst nichts), zum Beispiel aus Ihrem HR-System.',
  newKey: 'Neuer API-Schlüssel',
  noKeys: 'Noch keine API-Schlüssel.',
  key: 'Schlüssel',
  status: 'Status',
  statuses: { active: 'Aktiv', expired: 'Abgelaufen', revoked: 'Widerrufen' },
  created: 'Angelegt',
  expires: 'Läuft ab',
  never: 'Nie',
  lastUsed: 'Zuletzt benutzt',
  notUsed: 'Noch nicht benutzt',
  keyName: 'Name',
  keyNameHint: 'Wofür der Schlüssel ist, z. B. „HR-Anbindung“.',
  expiry: 'Läuft ab am',
  expiryHint: 'Leer lassen für einen Schlüssel, der bis zum Widerruf gilt.',
  revoke: 'Widerrufen',
  revokeKey: (name) => `${name} widerrufen`,
  revokeQuestion: (name) => `„${name}“ widerrufen?`,
  revokeExplain: 'Systeme mit diesem Schlüssel werden ab sofort abgewiesen.',
  revoked: (name) => `${name} wurde widerrufen.`,
  createdHeading: 'Ihr neuer API-Schlüssel',
  shownOnce:
    'Kopieren Sie den Schlüssel jetzt: Er wird nur dieses eine Mal angezeigt. Gespeichert wird nur ein Hash.',
  copyKey: 'Schlüssel kopieren',
  done: 'Fertig',
  unnamed: 'Schlüssel ohne Namen',
};

const es: ApiKeysTerms = {
  heading: 'Claves de API',
  intro:
    'Una clave permite a sus propios sistemas dar de alta usuarios y equipos (y nada más), por ejemplo desde su herramienta de RR. HH.',
  newKey: 'Nueva clave de API',
  noKeys: 'Aún no hay claves de API.',
  key: 'Clave',
  status: 'Estado',
  statuses: { active: 'Activa', expired: 'Caducada', revoked: 'Revocada' },
  created: 'Creada',
  expires: 'Caduca',
  never: 'Nunca',
  lastUsed: 'Último uso',
  notUsed: 'Sin usar',
  keyName: 'Nombre',
  keyNameHint: 'Para qué es la clave, p. ej. «Altas de RR. HH.».',
  expiry: 'Caduca el',
  expiryHint: 'Déjelo vacío para una clave válida hasta que se revoque.',
  revoke: 'Revocar',
  revokeKey: (name) => `Revocar ${name}`,
  revokeQuestion: (name) => `¿Revocar «${name}»?`,
  revokeExplain: 'Los sistemas que usen esta clave se rechazarán desde ahora.',
  revoked: (name) => `Se ha revocado ${name}.`,
  createdHeading: 'Su nueva clave de API',
  shownOnce: 'Copie la clave ahora: solo se muestra esta vez. Solo se guarda un hash.',
  copyKey: 'Copiar clave',
  done: 'Hecho',
  unnamed: 'Clave sin nombre',
};

const pt: ApiKeysTerms = {
  heading: 'Chaves de API',
  intro:
    'Uma chave permite aos seus sistemas criar utilizadores e equipas (e nada mais), por exemplo a partir da ferramenta de RH.',
  newKey: 'Nova chave de API',
  noKeys: 'Ainda não há chaves de API.',
  key: 'Chave',
  status: 'Estado',
  statuses: { active: 'Ativa', expired: 'Expirada', revoked: 'Revogada' },
  created: 'Criada',
  expires: 'Expira',
  never: 'Nunca',
  lastUsed: 'Última utilização',
  notUsed: 'Ainda não utilizada',
  keyName: 'Nome',
  keyNameHint: 'Para que serve a chave, p. ex. «Integração RH».',
  expiry: 'Expira em',
  expiryHint: 'Deixe vazio para uma chave válida até ser revogada.',
  revoke: 'Revogar',
  revokeKey: (name) => `Revogar ${name}`,
  revokeQuestion: (name) => `Revogar «${name}»?`,
  revokeExplain: 'Os sistemas que usem esta chave são recusados a partir de agora.',
  revoked: (name) => `${name} foi revogada.`,
  createdHeading: 'A sua nova chave de API',
  shownOnce: 'Copie a chave agora: só é mostrada desta vez. Só é guardado um hash.',
  copyKey: 'Copiar chave',
  done: 'Concluído',
  unnamed: 'Chave sem nome',
};

export const apiKeysTranslations: Record<Language, ApiKeysTerms> = { en, de, es, pt };
