import type { components } from '@sightline/api-client';
import type { SummaryDecisionReason, SummaryJobReason } from '@sightline/core/domain';

type IssueType = NonNullable<components['schemas']['Summary']['issueType']>;

/** The summary viewer's texts (en, de, es, pt); its own small table keeps its page light. */
export interface ViewerTerms {
  loading: string;
  notYet: string;
  pending: string;
  generating: string;
  deleted: string;
  failed: string;
  notMade: string;
  problem: string;
  steps: string;
  resolution: string;
  followUps: string;
  applications: string;
  devices: string;
  editedBy: (name: string, when: string) => string;
  madeBy: (name: string) => string;
  edit: string;
  save: string;
  cancel: string;
  delete: string;
  confirmDelete: string;
  export: string;
  title: string;
  issueType: string;
  listHint: string;
  commaHint: string;
  stale: string;
  reload: string;
  ended: (when: string) => string;
  agents: string;
  issueTypes: Record<IssueType, string>;
  reasons: Record<SkipReason, string>;
}

/** The reasons a `skipped` or `failed` summary can carry: the decision's "no" reasons and the job's. */
export type SkipReason =
  | Exclude<
      SummaryDecisionReason,
      | 'policy-enforced'
      | 'policy'
      | 'device-allowed'
      | 'customer-allowed'
      | 'awaiting-customer'
      | 'incoming-device'
    >
  | SummaryJobReason;

const en: ViewerTerms = {
  loading: 'Loading the summary…',
  notYet: 'The summary is made when the session has ended.',
  pending: 'The summary is queued…',
  generating: 'The summary is being written…',
  deleted: 'This summary was deleted.',
  failed: 'The summary could not be made.',
  notMade: 'No summary was made.',
  problem: 'Problem',
  steps: 'Steps taken',
  resolution: 'Resolution',
  followUps: 'Follow-ups',
  applications: 'Applications',
  devices: 'Devices',
  editedBy: (n, w) => `Edited by ${n}, ${w}`,
  madeBy: (n) => (n === 'builtin' ? 'Made by the built-in summarizer' : `Made by ${n}`),
  edit: 'Edit',
  save: 'Save',
  cancel: 'Cancel',
  delete: 'Delete',
  confirmDelete: 'Delete for good',
  export: 'Download',
  title: 'Title',
  issueType: 'Issue type',
  listHint: 'one per line',
  commaHint: 'separated by commas',
  stale: 'Someone else changed this summary since you opened it.',
  reload: 'Reload',
  ended: (w) => `ended ${w}`,
  agents: 'Agents',
  issueTypes: {
    connectivity: 'Connectivity',
    hardware: 'Hardware',
    software: 'Software',
    configuration: 'Configuration',
    account: 'Account and sign-in',
    installation: 'Installation',
    performance: 'Performance',
    other: 'Other',
  },
  reasons: {
    'ai-disabled': 'AI summaries are turned off for the organization.',
    'outgoing-disabled': 'Summaries of outgoing sessions are turned off.',
    'incoming-disabled': 'Summaries of incoming sessions are turned off.',
    'portal-not-selected': 'Summaries are not turned on for this portal.',
    'user-not-logging': '“Log sessions for reporting” is off for the staff member.',
    'no-policy': 'The device has no policy that turns summaries on.',
    'policy-disabled': 'The device’s policy turns summaries off.',
    'device-denied': 'The device does not allow AI summaries.',
    'customer-denied': 'The customer declined the summary.',
    'customer-no-answer': 'The customer was asked and did not answer.',
    'no-credits': 'No AI credits left this month.',
    'generation-failed': 'The summary could not be written; no credit was used.',
  },
};

const de: ViewerTerms = {
  ...en,
  loading: 'Zusammenfassung wird geladen…',
  notYet: 'Die Zusammenfassung entsteht, wenn die Sitzung beendet ist.',
  pending: 'Die Zusammenfassung ist eingeplant…',
  generating: 'Die Zusammenfassung wird geschrieben…',
  deleted: 'Diese Zusammenfassung wurde gelöscht.',
  failed: 'Die Zusammenfassung konnte nicht erstellt werden.',
  notMade: 'Es wurde keine Zusammenfassung erstellt.',
  problem: 'Problem',
  steps: 'Durchgeführte Schritte',
  resolution: 'Lösung',
  followUps: 'Nächste Schritte',
  applications: 'Anwendungen',
  devices: 'Geräte',
  editedBy: (n, w) => `Bearbeitet von ${n}, ${w}`,
  madeBy: (n) => (n === 'builtin' ? 'Erstellt vom eingebauten Zusammenfasser' : `Erstellt von ${n}`),
  edit: 'Bearbeiten',
  save: 'Speichern',
  cancel: 'Abbrechen',
  delete: 'Löschen',
  confirmDelete: 'Endgültig löschen',
  export: 'Herunterladen',
  title: 'Titel',
  issueType: 'Problemart',
  listHint: 'eine pro Zeile',
  commaHint: 'durch Kommas getrennt',
  stale: 'Jemand anderes hat diese Zusammenfassung inzwischen geändert.',
  reload: 'Neu laden',
  ended: (w) => `beendet ${w}`,
  agents: 'Mitarbeitende',
  issueTypes: {
    connectivity: 'Verbindung',
    hardware: 'Hardware',
    software: 'Software',
    configuration: 'Konfiguration',
    account: 'Konto und Anmeldung',
    installation: 'Installation',
    performance: 'Leistung',
    other: 'Sonstiges',
  },
  reasons: {
    'ai-disabled': 'KI-Zusammenfassungen sind für die Organisation ausgeschaltet.',
    'outgoing-disabled': 'Zusammenfassungen ausgehender Sitzungen sind ausgeschaltet.',
    'incoming-disabled': 'Zusammenfassungen eingehender Sitzungen sind ausgeschaltet.',
    'portal-not-selected': 'Für dieses Portal sind Zusammenfassungen nicht eingeschaltet.',
    'user-not-logging': '„Sitzungen für Berichte protokollieren“ ist für den Mitarbeiter aus.',
    'no-policy': 'Das Gerät hat keine Richtlinie, die Zusammenfassungen einschaltet.',
    'policy-disabled': 'Die Richtlinie des Geräts schaltet Zusammenfassungen aus.',
    'device-denied': 'Das Gerät erlaubt keine KI-Zusammenfassungen.',
    'customer-denied': 'Der Kunde hat die Zusammenfassung abgelehnt.',
    'customer-no-answer': 'Der Kunde wurde gefragt und hat nicht geantwortet.',
    'no-credits': 'Diesen Monat sind keine KI-Credits mehr übrig.',
    'generation-failed': 'Die Zusammenfassung konnte nicht geschrieben werden; kein Credit wurde verbraucht.',
  },
};

const es: ViewerTerms = {
  ...en,
  loading: 'Cargando el resumen…',
  notYet: 'El resumen se crea cuando termina la sesión.',
  pending: 'El resumen está en cola…',
  generating: 'Se está escribiendo el resumen…',
  deleted: 'Este resumen se eliminó.',
  failed: 'No se pudo crear el resumen.',
  notMade: 'No se creó ningún resumen.',
  problem: 'Problema',
  steps: 'Pasos realizados',
  resolution: 'Solución',
  followUps: 'Seguimiento',
  applications: 'Aplicaciones',
  devices: 'Dispositivos',
  editedBy: (n, w) => `Editado por ${n}, ${w}`,
  madeBy: (n) => (n === 'builtin' ? 'Creado por el resumidor integrado' : `Creado por ${n}`),
  edit: 'Editar',
  save: 'Guardar',
  cancel: 'Cancelar',
  delete: 'Eliminar',
  confirmDelete: 'Eliminar definitivamente',
  export: 'Descargar',
  title: 'Título',
  issueType: 'Tipo de incidencia',
  listHint: 'uno por línea',
  commaHint: 'separados por comas',
  stale: 'Otra persona cambió este resumen mientras lo tenías abierto.',
  reload: 'Recargar',
  ended: (w) => `finalizada ${w}`,
  agents: 'Agentes',
  issueTypes: {
    connectivity: 'Conectividad',
    hardware: 'Hardware',
    software: 'Software',
    configuration: 'Configuración',
    account: 'Cuenta e inicio de sesión',
    installation: 'Instalación',
    performance: 'Rendimiento',
    other: 'Otro',
  },
  reasons: {
    'ai-disabled': 'Los resúmenes con IA están desactivados en la organización.',
    'outgoing-disabled': 'Los resúmenes de sesiones salientes están desactivados.',
    'incoming-disabled': 'Los resúmenes de sesiones entrantes están desactivados.',
    'portal-not-selected': 'Los resúmenes no están activados para este portal.',
    'user-not-logging': '«Registrar sesiones para informes» está desactivado para el agente.',
    'no-policy': 'El dispositivo no tiene una política que active los resúmenes.',
    'policy-disabled': 'La política del dispositivo desactiva los resúmenes.',
    'device-denied': 'El dispositivo no permite resúmenes con IA.',
    'customer-denied': 'El cliente rechazó el resumen.',
    'customer-no-answer': 'Se preguntó al cliente y no respondió.',
    'no-credits': 'No quedan créditos de IA este mes.',
    'generation-failed': 'No se pudo escribir el resumen; no se gastó ningún crédito.',
  },
};

const pt: ViewerTerms = {
  ...en,
  loading: 'Carregando o resumo…',
  notYet: 'O resumo é criado quando a sessão termina.',
  pending: 'O resumo está na fila…',
  generating: 'O resumo está sendo escrito…',
  deleted: 'Este resumo foi excluído.',
  failed: 'Não foi possível criar o resumo.',
  notMade: 'Nenhum resumo foi criado.',
  problem: 'Problema',
  steps: 'Passos realizados',
  resolution: 'Solução',
  followUps: 'Próximos passos',
  applications: 'Aplicativos',
  devices: 'Dispositivos',
  editedBy: (n, w) => `Editado por ${n}, ${w}`,
  madeBy: (n) => (n === 'builtin' ? 'Criado pelo resumidor integrado' : `Criado por ${n}`),
  edit: 'Editar',
  save: 'Salvar',
  cancel: 'Cancelar',
  delete: 'Excluir',
  confirmDelete: 'Excluir definitivamente',
  export: 'Baixar',
  title: 'Título',
  issueType: 'Tipo de problema',
  listHint: 'um por linha',
  commaHint: 'separados por vírgulas',
  stale: 'Outra pessoa alterou este resumo enquanto você o tinha aberto.',
  reload: 'Recarregar',
  ended: (w) => `encerrada ${w}`,
  agents: 'Atendentes',
  issueTypes: {
    connectivity: 'Conectividade',
    hardware: 'Hardware',
    software: 'Software',
    configuration: 'Configuração',
    account: 'Conta e login',
    installation: 'Instalação',
    performance: 'Desempenho',
    other: 'Outro',
  },
  reasons: {
    'ai-disabled': 'Os resumos com IA estão desativados na organização.',
    'outgoing-disabled': 'Os resumos de sessões de saída estão desativados.',
    'incoming-disabled': 'Os resumos de sessões de entrada estão desativados.',
    'portal-not-selected': 'Os resumos não estão ativados para este portal.',
    'user-not-logging': '“Registrar sessões para relatórios” está desativado para o agente.',
    'no-policy': 'O dispositivo não tem uma política que ative os resumos.',
    'policy-disabled': 'A política do dispositivo desativa os resumos.',
    'device-denied': 'O dispositivo não permite resumos com IA.',
    'customer-denied': 'O cliente recusou o resumo.',
    'customer-no-answer': 'O cliente foi perguntado e não respondeu.',
    'no-credits': 'Não há mais créditos de IA este mês.',
    'generation-failed': 'Não foi possível escrever o resumo; nenhum crédito foi usado.',
  },
};

export const viewerTranslations = { en, de, es, pt } as const;
export type ViewerLanguage = keyof typeof viewerTranslations;
