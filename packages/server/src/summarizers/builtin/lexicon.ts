import type { IssueType, SummaryLanguage } from '@sightline/core/domain';

/**
 * Word stems that point to an issue type (SI-9), in the four languages, matched as prefixes of
 * lower-case words. Scored over the request reason (twice) and the conversation; no hit → `other`.
 */
export const ISSUE_STEMS: Record<Exclude<IssueType, 'other'>, readonly string[]> = {
  connectivity: [
    'wifi',
    'wi-fi',
    'wlan',
    'internet',
    'network',
    'router',
    'connect',
    'offline',
    'vpn',
    'signal',
    'bluetooth',
    'netzwerk',
    'verbind',
    'empfang',
    'red',
    'conexi',
    'conect',
    'rede',
    'conex',
    'sinal',
  ],
  hardware: [
    'broken',
    'cable',
    'screen',
    'display',
    'battery',
    'power',
    'button',
    'leak',
    'noise',
    'fan',
    'pump',
    'valve',
    'kabel',
    'bildschirm',
    'akku',
    'batterie',
    'defekt',
    'ventil',
    'pumpe',
    'geräusch',
    'undicht',
    'cable',
    'pantalla',
    'batería',
    'roto',
    'válvula',
    'bomba',
    'tela',
    'bateria',
    'quebrad',
    'vazament',
  ],
  software: [
    'app',
    'apps',
    'application',
    'software',
    'crash',
    'bug',
    'freez',
    'error',
    'update',
    'version',
    'program',
    'anwendung',
    'programm',
    'absturz',
    'abgestürzt',
    'fehler',
    'aktualis',
    'aplicaci',
    'programa',
    'actualiz',
    'aplicativo',
    'atualiz',
    'erro',
    'erros',
    'falha',
  ],
  configuration: [
    'setting',
    'config',
    'setup',
    'option',
    'preference',
    'parameter',
    'mode',
    'einstell',
    'konfigur',
    'modus',
    'configura',
    'ajuste',
    'opción',
    'opção',
    'definiç',
  ],
  account: [
    'password',
    'login',
    'log',
    'sign',
    'account',
    'user',
    'locked',
    'credential',
    'two-factor',
    '2fa',
    'passwort',
    'kennwort',
    'anmeld',
    'konto',
    'gesperrt',
    'benutzer',
    'contraseña',
    'cuenta',
    'usuario',
    'senha',
    'usuário',
    'bloquead',
  ],
  installation: [
    'install',
    'mount',
    'assembl',
    'unbox',
    'deploy',
    'wire',
    'installier',
    'montage',
    'montier',
    'einbau',
    'instala',
    'montaj',
    'montag',
  ],
  performance: [
    'slow',
    'lag',
    'performance',
    'speed',
    'hang',
    'delay',
    'heat',
    'overheat',
    'langsam',
    'hängt',
    'verzöger',
    'leistung',
    'lento',
    'lenta',
    'rendimiento',
    'retraso',
    'desempenho',
    'travad',
  ],
};

/** Applications named in support conversations (SI-9); matched case-insensitively as whole words. */
export const APPLICATIONS: readonly string[] = [
  'Outlook',
  'Teams',
  'Excel',
  'Word',
  'PowerPoint',
  'OneDrive',
  'SharePoint',
  'Office',
  'Chrome',
  'Firefox',
  'Edge',
  'Safari',
  'Windows',
  'macOS',
  'Linux',
  'Android',
  'iOS',
  'Zoom',
  'Slack',
  'SAP',
  'Salesforce',
  'WhatsApp',
  'Gmail',
  'Google Drive',
  'Dropbox',
  'Skype',
  'Webex',
  'Acrobat',
  'Photoshop',
  'Citrix',
  'AnyConnect',
  'Thunderbird',
  'Zendesk',
  'Jira',
  'Confluence',
  'HubSpot',
  'Shopify',
  'WordPress',
];

/** Device words per language (SI-9); the session's own device is always listed first. */
export const DEVICES: readonly string[] = [
  'router',
  'modem',
  'printer',
  'laptop',
  'notebook',
  'computer',
  'pc',
  'smartphone',
  'phone',
  'tablet',
  'monitor',
  'camera',
  'boiler',
  'thermostat',
  'heat pump',
  'dishwasher',
  'washing machine',
  'scanner',
  'drucker',
  'rechner',
  'handy',
  'kamera',
  'heizung',
  'wärmepumpe',
  'kessel',
  'spülmaschine',
  'waschmaschine',
  'impresora',
  'portátil',
  'ordenador',
  'teléfono',
  'móvil',
  'cámara',
  'caldera',
  'termostato',
  'impressora',
  'roteador',
  'computador',
  'celular',
  'telemóvel',
  'câmera',
  'caldeira',
];

/** Word stems marking an action staff took (steps). */
export const ACTION_STEMS: readonly string[] = [
  'restart',
  'reboot',
  'reset',
  'check',
  'replac',
  'updat',
  'install',
  'clean',
  'tighten',
  'switch',
  'turn',
  'unplug',
  'plug',
  'press',
  'open',
  'close',
  'test',
  'adjust',
  'enabl',
  'disabl',
  'cleared',
  'neu',
  'gestartet',
  'neustart',
  'prüfe',
  'prüft',
  'geprüft',
  'getauscht',
  'tausch',
  'aktualis',
  'zurückgesetzt',
  'drück',
  'reinici',
  'comprob',
  'revis',
  'cambi',
  'actualic',
  'pulse',
  'presion',
  'verific',
  'troca',
  'troque',
  'atualiz',
  'limpa',
  'limpi',
];

/** Word stems marking that it works now (resolution). */
export const RESOLVED_STEMS: readonly string[] = [
  'works',
  'working',
  'fixed',
  'solved',
  'resolved',
  'fine',
  'ok',
  'okay',
  'funktioniert',
  'geht',
  'gelöst',
  'behoben',
  'klappt',
  'funciona',
  'resuelto',
  'solucion',
  'arreglad',
  'resolvid',
  'consert',
  'certo',
];

/** Words that turn "it works" around ("still not working", "geht nicht", "no funciona"). */
export const NEGATIONS: readonly string[] = [
  'not',
  "n't",
  'no',
  'never',
  'still',
  'nicht',
  'kein',
  'keine',
  'immer',
  'nunca',
  'todavía',
  'não',
  'ainda',
];

/** Word stems marking something still to do (follow-ups). */
export const FOLLOW_UP_STEMS: readonly string[] = [
  'will',
  'tomorrow',
  'later',
  'next',
  'follow',
  'schedule',
  'send',
  'order',
  'ticket',
  'technician',
  'visit',
  'callback',
  'wird',
  'werde',
  'werden',
  'morgen',
  'später',
  'schicke',
  'bestell',
  'techniker',
  'termin',
  'vamos',
  'voy',
  'mañana',
  'enviar',
  'técnico',
  'visita',
  'pedido',
  'vou',
  'amanhã',
  'depois',
  'pedir',
];

/** Whether any word starts with any of the stems. */
export function hasStem(words: readonly string[], stems: readonly string[]): boolean {
  return words.some(matcherOf(stems));
}

/**
 * A word test for a list of stems, made once per list: stems of up to four letters match whole
 * words only ("app" not "apple", "heat" not "heating"), longer ones as prefixes. A word is looked up
 * once per prefix length the list has, not compared with every stem (a long session has tens of
 * thousands of words, the lists a hundred stems each).
 */
function matcherOf(stems: readonly string[]): (word: string) => boolean {
  let matcher = matchers.get(stems);
  if (!matcher) {
    const whole = new Set(stems.filter((s) => s.length <= 4));
    const prefixes = new Set(stems.filter((s) => s.length > 4));
    const lengths = [...new Set([...prefixes].map((s) => s.length))];
    matcher = (word) => whole.has(word) || lengths.some((n) => prefixes.has(word.slice(0, n)));
    matchers.set(stems, matcher);
  }
  return matcher;
}
const matchers = new WeakMap<readonly string[], (word: string) => boolean>();

/** The issue type with the most stem hits; `other` without any. */
export function issueTypeOf(weighted: readonly { words: readonly string[]; weight: number }[]): IssueType {
  // Each distinct word is matched once, with the weight of all its occurrences.
  const weights = new Map<string, number>();
  for (const { words, weight } of weighted)
    for (const w of words) weights.set(w, (weights.get(w) ?? 0) + weight);
  let best: IssueType = 'other';
  let bestScore = 0;
  for (const [type, stems] of Object.entries(ISSUE_STEMS) as [IssueType, readonly string[]][]) {
    const matches = matcherOf(stems);
    let score = 0;
    for (const [word, weight] of weights) if (matches(word)) score += weight;
    if (score > bestScore) {
      best = type;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Names from a list that occur in a text as whole words (case-insensitive), in list order, spelled
 * as the text first spells them.
 */
export function namesIn(text: string, names: readonly string[]): string[] {
  const words = text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const lower = ` ${words.toLowerCase()} `;
  const found: string[] = [];
  for (const n of names) {
    const at = lower.indexOf(` ${n.toLowerCase()} `);
    if (at >= 0) found.push(words.slice(at, at + n.length));
  }
  return found;
}

export type { SummaryLanguage };
