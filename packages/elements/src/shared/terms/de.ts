import type { Terms } from './en.js';

// The shared and request-flow texts in German, a chunk of its own: a page loads only its language.

export const terms: Terms = {
  loading: 'Wird geladen…',
  notConnected: 'Keine Verbindung zum Support-Dienst.',
  signInFailed: 'Die Anmeldung beim Support-Dienst ist fehlgeschlagen.',
  networkError:
    'Der Support-Dienst ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  forbidden: 'Dazu sind Sie nicht berechtigt.',
  conflict: 'Diese Sitzung hat sich inzwischen geändert; die Aktion ist nicht mehr möglich.',
  invalid: 'Bitte korrigieren Sie die markierten Felder.',
  genericError: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
  dismiss: 'Schließen',
  status: {
    requested: 'Angefragt',
    confirmed: 'Bestätigt',
    running: 'Im Gespräch',
    completed: 'Abgeschlossen',
    closed: 'Geschlossen',
    cancelled: 'Abgebrochen',
  },
  requestHeading: 'Videoanruf anfordern',
  device: 'Gerät',
  reason: 'Wobei brauchen Sie Hilfe?',
  reasonRequired: 'Bitte beschreiben Sie, wobei Sie Hilfe brauchen.',
  reasonTooLong: 'Bitte fassen Sie sich kürzer als 2000 Zeichen.',
  tickets: 'Verknüpfte Tickets (optional)',
  ticketsHint: 'Ein Link pro Zeile, zum Beispiel https://tickets.example.com/123',
  ticketInvalid: (line) =>
    `Zeile ${line} ist kein gültiger Link (er muss mit https:// oder http:// beginnen).`,
  tooManyTickets: 'Bitte verknüpfen Sie höchstens 20 Tickets.',
  consentQuestion:
    'Videoanrufe über diesen Dienst können aufgezeichnet werden. Dürfen wir Ihren aufzeichnen?',
  consentYes: 'Ja, der Anruf darf aufgezeichnet werden',
  consentNo: 'Nein, nicht aufzeichnen',
  consentRequired: 'Bitte wählen Sie, ob der Anruf aufgezeichnet werden darf.',
  summaryConsentQuestion:
    'Dürfen wir für unser Support-Team eine KI-Zusammenfassung dieser Sitzung erstellen?',
  summaryConsentYes: 'Erlauben',
  summaryConsentNo: 'Nicht erlauben',
  submit: 'Videoanruf anfordern',
  submitting: 'Wird gesendet…',
  requestsDisabled:
    'Für dieses Gerät können keine Videoanrufe angefordert werden. Bitte wenden Sie sich auf anderem Weg an den Support.',
  staffBackAt: (time) =>
    `Das Support-Team ist gerade nicht erreichbar. Es ist ab ${time} wieder da – bitte fordern Sie den Anruf dann erneut an.`,
  staffUnavailable: 'Das Support-Team ist über diesen Dienst derzeit nicht erreichbar.',
  queuedUntil: (time) =>
    `Das Support-Team ist gerade nicht erreichbar; Ihre Anfrage wartet, bis es ab ${time} wieder da ist.`,
  flowStatus: {
    requested: 'Ihre Anfrage wurde gesendet. Das Support-Team bestätigt sie in Kürze.',
    confirmed: 'Das Support-Team hat Ihre Anfrage bestätigt. Sie können den Anruf jetzt starten.',
    running: 'Der Anruf läuft.',
    completed: 'Der Anruf ist beendet. Vielen Dank!',
    closed: 'Diese Sitzung ist geschlossen.',
    cancelled: 'Diese Anfrage wurde abgebrochen.',
  },
  startCall: 'Anruf starten',
  joinCall: 'Anruf beitreten',
  cancelRequest: 'Anfrage abbrechen',
  newRequest: 'Neue Anfrage',
  deviceRequired: 'Bitte wählen Sie ein Gerät.',
};
