import type { Language } from '../../shared/translations.js';

// Texts every management element shares, in their own typed table so they travel with the
// management bundle, not the widget's. `en` defines the terms; the others must provide every one.

const en = {
  loading: 'Loading…',
  save: 'Save',
  saving: 'Saving…',
  create: 'Create',
  cancel: 'Cancel',
  close: 'Close',
  edit: 'Edit',
  delete: 'Delete',
  actions: 'Actions',
  name: 'Name',
  none: '—',
  optional: '(optional)',
  copy: 'Copy',
  copied: 'Copied to the clipboard.',
  copyFailed: 'Could not copy; select the text and copy it yourself.',
  reload: 'Reload',
  signedOut: 'Sign in with a manager account to manage the organization.',
  confirmDelete: (name: string) => `Delete “${name}”?`,
  cannotUndo: 'This cannot be undone.',
  saved: 'Saved.',
  lead: {
    invalid: 'Please correct the marked fields.',
    forbidden: 'You are not allowed to do this.',
    notFound: 'It no longer exists; the list has been reloaded.',
    conflict: 'This conflicts with the current state.',
    stale:
      'Someone else changed this in the meantime. The latest version has been loaded — review it and try again.',
    network: 'The server cannot be reached. Check your connection and try again.',
    generic: 'Something went wrong.',
  },
  lineError: (line: number) => `Line ${line}`,
};

/** Every shared management term. */
export type AdminTerms = typeof en;

const de: AdminTerms = {
  loading: 'Wird geladen…',
  save: 'Speichern',
  saving: 'Wird gespeichert…',
  create: 'Anlegen',
  cancel: 'Abbrechen',
  close: 'Schließen',
  edit: 'Bearbeiten',
  delete: 'Löschen',
  actions: 'Aktionen',
  name: 'Name',
  none: '—',
  optional: '(optional)',
  copy: 'Kopieren',
  copied: 'In die Zwischenablage kopiert.',
  copyFailed: 'Kopieren nicht möglich; markieren und kopieren Sie den Text selbst.',
  reload: 'Neu laden',
  signedOut: 'Melden Sie sich mit einem Manager-Konto an, um die Organisation zu verwalten.',
  confirmDelete: (name) => `„${name}“ löschen?`,
  cannotUndo: 'Das kann nicht rückgängig gemacht werden.',
  saved: 'Gespeichert.',
  lead: {
    invalid: 'Bitte korrigieren Sie die markierten Felder.',
    forbidden: 'Dazu sind Sie nicht berechtigt.',
    notFound: 'Das gibt es nicht mehr; die Liste wurde neu geladen.',
    conflict: 'Das widerspricht dem aktuellen Stand.',
    stale:
      'Jemand anderes hat das inzwischen geändert. Der aktuelle Stand wurde geladen — prüfen Sie ihn und versuchen Sie es erneut.',
    network: 'Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
    generic: 'Etwas ist schiefgelaufen.',
  },
  lineError: (line) => `Zeile ${line}`,
};

const es: AdminTerms = {
  loading: 'Cargando…',
  save: 'Guardar',
  saving: 'Guardando…',
  create: 'Crear',
  cancel: 'Cancelar',
  close: 'Cerrar',
  edit: 'Editar',
  delete: 'Eliminar',
  actions: 'Acciones',
  name: 'Nombre',
  none: '—',
  optional: '(opcional)',
  copy: 'Copiar',
  copied: 'Copiado al portapapeles.',
  copyFailed: 'No se pudo copiar; seleccione el texto y cópielo usted.',
  reload: 'Recargar',
  signedOut: 'Inicie sesión con una cuenta de responsable para gestionar la organización.',
  confirmDelete: (name) => `¿Eliminar «${name}»?`,
  cannotUndo: 'No se puede deshacer.',
  saved: 'Guardado.',
  lead: {
    invalid: 'Corrija los campos marcados.',
    forbidden: 'No tiene permiso para hacer esto.',
    notFound: 'Ya no existe; la lista se ha recargado.',
    conflict: 'Esto entra en conflicto con el estado actual.',
    stale:
      'Otra persona lo ha cambiado entretanto. Se ha cargado la versión actual: revísela e inténtelo de nuevo.',
    network: 'No se puede contactar con el servidor. Compruebe su conexión e inténtelo de nuevo.',
    generic: 'Algo ha salido mal.',
  },
  lineError: (line) => `Línea ${line}`,
};

const pt: AdminTerms = {
  loading: 'A carregar…',
  save: 'Guardar',
  saving: 'A guardar…',
  create: 'Criar',
  cancel: 'Cancelar',
  close: 'Fechar',
  edit: 'Editar',
  delete: 'Eliminar',
  actions: 'Ações',
  name: 'Nome',
  none: '—',
  optional: '(opcional)',
  copy: 'Copiar',
  copied: 'Copiado para a área de transferência.',
  copyFailed: 'Não foi possível copiar; selecione o texto e copie-o.',
  reload: 'Recarregar',
  signedOut: 'Inicie sessão com uma conta de gestor para gerir a organização.',
  confirmDelete: (name) => `Eliminar «${name}»?`,
  cannotUndo: 'Não é possível desfazer.',
  saved: 'Guardado.',
  lead: {
    invalid: 'Corrija os campos assinalados.',
    forbidden: 'Não tem permissão para fazer isto.',
    notFound: 'Já não existe; a lista foi recarregada.',
    conflict: 'Isto entra em conflito com o estado atual.',
    stale: 'Outra pessoa alterou isto entretanto. A versão atual foi carregada — reveja-a e tente de novo.',
    network: 'Não é possível contactar o servidor. Verifique a ligação e tente de novo.',
    generic: 'Algo correu mal.',
  },
  lineError: (line) => `Linha ${line}`,
};

export const adminTranslations: Record<Language, AdminTerms> = { en, de, es, pt };
