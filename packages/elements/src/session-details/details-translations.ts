import type { Language } from '../shared/translations.js';

// The session details' own texts (MC-10, MC-14), in every language the elements speak.

const en = {
  heading: 'Session record',
  loading: 'Loading the session record…',
  failed: 'The session record could not be loaded.',
  screenshots: 'Screenshots',
  noScreenshots: 'No screenshots were taken.',
  screenshotAlt: (n: number, of: number, when: string) => `Screenshot ${n} of ${of}, taken ${when}`,
  annotations: (n: number) => (n === 0 ? 'No drawings' : n === 1 ? '1 drawing' : `${n} drawings`),
  imageMissing: 'The image could not be loaded.',
  recordings: 'Recordings',
  diagnostics: 'Call quality',
  noDiagnostics: 'No call quality reports.',
  call: (n: number, when: string) => `Call ${n} · ${when}`,
  side: 'Side',
  customer: 'Customer',
  staff: 'Staff',
  duration: 'Time in call',
  roundTrip: 'Round trip (avg / max)',
  frameRate: 'Frame rate (avg / min)',
  data: 'Received / sent',
  reconnections: 'Reconnections',
  partial: 'still in the call at the last report',
  notMeasured: 'not measured',
  purged: (days: number, when: string) =>
    `Session data is kept for ${days} days. This session's chat, screenshots, summary, recordings and call quality were deleted on ${when}; its status and times remain for reports.`,
};

/** The session details' terms; every language provides each one. */
export type DetailsTerms = typeof en;

const de: DetailsTerms = {
  heading: 'Sitzungsprotokoll',
  loading: 'Sitzungsprotokoll wird geladen…',
  failed: 'Das Sitzungsprotokoll konnte nicht geladen werden.',
  screenshots: 'Bildschirmfotos',
  noScreenshots: 'Es wurden keine Bildschirmfotos aufgenommen.',
  screenshotAlt: (n, of, when) => `Bildschirmfoto ${n} von ${of}, aufgenommen ${when}`,
  annotations: (n) => (n === 0 ? 'Keine Zeichnungen' : n === 1 ? '1 Zeichnung' : `${n} Zeichnungen`),
  imageMissing: 'Das Bild konnte nicht geladen werden.',
  recordings: 'Aufzeichnungen',
  diagnostics: 'Anrufqualität',
  noDiagnostics: 'Keine Berichte zur Anrufqualität.',
  call: (n, when) => `Anruf ${n} · ${when}`,
  side: 'Seite',
  customer: 'Kunde',
  staff: 'Mitarbeitende',
  duration: 'Zeit im Anruf',
  roundTrip: 'Umlaufzeit (Mittel / Max.)',
  frameRate: 'Bildrate (Mittel / Min.)',
  data: 'Empfangen / gesendet',
  reconnections: 'Wiederverbindungen',
  partial: 'beim letzten Bericht noch im Anruf',
  notMeasured: 'nicht gemessen',
  purged: (days, when) =>
    `Sitzungsdaten werden ${days} Tage aufbewahrt. Chat, Bildschirmfotos, Zusammenfassung, Aufzeichnungen und Anrufqualität dieser Sitzung wurden am ${when} gelöscht; Status und Zeiten bleiben für Berichte erhalten.`,
};

const es: DetailsTerms = {
  heading: 'Registro de la sesión',
  loading: 'Cargando el registro de la sesión…',
  failed: 'No se pudo cargar el registro de la sesión.',
  screenshots: 'Capturas de pantalla',
  noScreenshots: 'No se tomaron capturas de pantalla.',
  screenshotAlt: (n, of, when) => `Captura ${n} de ${of}, tomada ${when}`,
  annotations: (n) => (n === 0 ? 'Sin dibujos' : n === 1 ? '1 dibujo' : `${n} dibujos`),
  imageMissing: 'No se pudo cargar la imagen.',
  recordings: 'Grabaciones',
  diagnostics: 'Calidad de la llamada',
  noDiagnostics: 'No hay informes de calidad de la llamada.',
  call: (n, when) => `Llamada ${n} · ${when}`,
  side: 'Lado',
  customer: 'Cliente',
  staff: 'Personal',
  duration: 'Tiempo en la llamada',
  roundTrip: 'Ida y vuelta (media / máx.)',
  frameRate: 'Fotogramas por segundo (media / mín.)',
  data: 'Recibido / enviado',
  reconnections: 'Reconexiones',
  partial: 'aún en la llamada en el último informe',
  notMeasured: 'sin medir',
  purged: (days, when) =>
    `Los datos de las sesiones se conservan ${days} días. El chat, las capturas, el resumen, las grabaciones y la calidad de llamada de esta sesión se eliminaron el ${when}; su estado y sus tiempos se conservan para los informes.`,
};

const pt: DetailsTerms = {
  heading: 'Registro da sessão',
  loading: 'Carregando o registro da sessão…',
  failed: 'Não foi possível carregar o registro da sessão.',
  screenshots: 'Capturas de tela',
  noScreenshots: 'Nenhuma captura de tela foi feita.',
  screenshotAlt: (n, of, when) => `Captura ${n} de ${of}, feita ${when}`,
  annotations: (n) => (n === 0 ? 'Sem desenhos' : n === 1 ? '1 desenho' : `${n} desenhos`),
  imageMissing: 'Não foi possível carregar a imagem.',
  recordings: 'Gravações',
  diagnostics: 'Qualidade da chamada',
  noDiagnostics: 'Sem relatórios de qualidade da chamada.',
  call: (n, when) => `Chamada ${n} · ${when}`,
  side: 'Lado',
  customer: 'Cliente',
  staff: 'Equipe',
  duration: 'Tempo na chamada',
  roundTrip: 'Ida e volta (média / máx.)',
  frameRate: 'Quadros por segundo (média / mín.)',
  data: 'Recebido / enviado',
  reconnections: 'Reconexões',
  partial: 'ainda na chamada no último relatório',
  notMeasured: 'não medido',
  purged: (days, when) =>
    `Os dados das sessões são mantidos por ${days} dias. O chat, as capturas, o resumo, as gravações e a qualidade da chamada desta sessão foram excluídos em ${when}; o status e os horários ficam para os relatórios.`,
};

export const detailsTerms: Record<Language, DetailsTerms> = { en, de, es, pt };
