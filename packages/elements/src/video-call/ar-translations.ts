import type { Language } from '../shared/translations.js';

// The AR tool bar's texts (VS-11 … VS-14), in their own typed table so they travel with the video
// call's chunk instead of the request-flow / inbox bundle. `en` defines the terms; the other tables
// must provide every one.

const en = {
  toolbar: 'Drawing tools',
  pen: 'Draw',
  penColor: 'Pen colour',
  screenshot: 'Take screenshot',
  marker: 'Place marker',
  markerLabel: 'Marker label',
  markerDefault: (n: number) => `Marker ${n}`,
  lost: (label: string) => `${label} (lost)`,
  overlay: 'Drawings and markers on the video',
  annotationHeading: 'Screenshot',
  annotationHint: 'Draw on the screenshot. The other participant sees your drawing.',
  screenshotImage: 'Captured screenshot with drawings',
  receiving: 'Receiving the screenshot…',
  close: 'Close screenshot',
  saving: 'Saving screenshot',
  saved: 'Screenshot saved.',
  waiting: 'Screenshot saved on this device; it is uploaded when the connection is back.',
  failed: 'The screenshot could not be saved.',
  notReady: 'There is no video picture to capture yet.',
};

/** Every AR term. */
export type ArTerms = typeof en;

const de: ArTerms = {
  toolbar: 'Zeichenwerkzeuge',
  pen: 'Zeichnen',
  penColor: 'Stiftfarbe',
  screenshot: 'Bildschirmfoto aufnehmen',
  marker: 'Markierung setzen',
  markerLabel: 'Name der Markierung',
  markerDefault: (n: number) => `Markierung ${n}`,
  lost: (label: string) => `${label} (verloren)`,
  overlay: 'Zeichnungen und Markierungen auf dem Video',
  annotationHeading: 'Bildschirmfoto',
  annotationHint: 'Zeichnen Sie auf dem Bildschirmfoto. Die andere Person sieht Ihre Zeichnung.',
  screenshotImage: 'Aufgenommenes Bildschirmfoto mit Zeichnungen',
  receiving: 'Bildschirmfoto wird empfangen…',
  close: 'Bildschirmfoto schließen',
  saving: 'Bildschirmfoto wird gespeichert',
  saved: 'Bildschirmfoto gespeichert.',
  waiting:
    'Bildschirmfoto auf diesem Gerät gespeichert; es wird hochgeladen, sobald die Verbindung wieder besteht.',
  failed: 'Das Bildschirmfoto konnte nicht gespeichert werden.',
  notReady: 'Es gibt noch kein Videobild zum Aufnehmen.',
};

const es: ArTerms = {
  toolbar: 'Herramientas de dibujo',
  pen: 'Dibujar',
  penColor: 'Color del lápiz',
  screenshot: 'Hacer captura',
  marker: 'Colocar marcador',
  markerLabel: 'Nombre del marcador',
  markerDefault: (n: number) => `Marcador ${n}`,
  lost: (label: string) => `${label} (perdido)`,
  overlay: 'Dibujos y marcadores sobre el vídeo',
  annotationHeading: 'Captura',
  annotationHint: 'Dibuje sobre la captura. El otro participante ve su dibujo.',
  screenshotImage: 'Captura con dibujos',
  receiving: 'Recibiendo la captura…',
  close: 'Cerrar captura',
  saving: 'Guardando la captura',
  saved: 'Captura guardada.',
  waiting: 'Captura guardada en este dispositivo; se subirá cuando vuelva la conexión.',
  failed: 'No se pudo guardar la captura.',
  notReady: 'Todavía no hay imagen de vídeo que capturar.',
};

const pt: ArTerms = {
  toolbar: 'Ferramentas de desenho',
  pen: 'Desenhar',
  penColor: 'Cor da caneta',
  screenshot: 'Capturar ecrã',
  marker: 'Colocar marcador',
  markerLabel: 'Nome do marcador',
  markerDefault: (n: number) => `Marcador ${n}`,
  lost: (label: string) => `${label} (perdido)`,
  overlay: 'Desenhos e marcadores sobre o vídeo',
  annotationHeading: 'Captura de ecrã',
  annotationHint: 'Desenhe na captura. O outro participante vê o seu desenho.',
  screenshotImage: 'Captura de ecrã com desenhos',
  receiving: 'A receber a captura…',
  close: 'Fechar captura',
  saving: 'A guardar a captura',
  saved: 'Captura guardada.',
  waiting: 'Captura guardada neste dispositivo; será enviada quando a ligação voltar.',
  failed: 'Não foi possível guardar a captura.',
  notReady: 'Ainda não há imagem de vídeo para capturar.',
};

/** The AR texts by language. */
export const arTranslations: Readonly<Record<Language, ArTerms>> = { en, de, es, pt };
