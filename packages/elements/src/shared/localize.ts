import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Problem } from './sdk.js';
import {
  type FeatureTexts,
  type Language,
  languages,
  loadTerms,
  type Terms,
  termsOf,
} from './translations.js';

type Host = ReactiveControllerHost & HTMLElement;

// One observer of the document's `lang` for all elements: a page that switches language re-renders
// every element that follows it.
const hosts = new Set<Host>();
let documentObserver: MutationObserver | undefined;

function watchDocument(host: Host): void {
  hosts.add(host);
  if (documentObserver || typeof MutationObserver === 'undefined') return;
  documentObserver = new MutationObserver(() => {
    for (const h of hosts) h.requestUpdate();
  });
  documentObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
}

/** The closest `lang` from the element outwards, crossing shadow roots; then the document's. */
export function langOf(element: Element): string {
  let node: Node | null = element;
  while (node) {
    if (node instanceof Element && node.getAttribute('lang')) return node.getAttribute('lang') as string;
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null);
  }
  return document.documentElement.lang || navigator.language || 'en';
}

/** The closest supported language to a BCP 47 tag (`de-AT` → `de`), English otherwise. */
export function supportedLanguage(tag: string): Language {
  const primary = tag.toLowerCase().split(/[-_]/)[0] ?? 'en';
  return (languages as readonly string[]).includes(primary) ? (primary as Language) : 'en';
}

/**
 * Gives an element its texts in the language of its `lang` attribute, else the closest `lang`
 * ancestor, else the document's (shoelace's LocalizeController, with a typed table).
 *
 * @example
 * readonly #t = new LocalizeController(this);
 * render() { return html`<button>${this.#t.term.submit}</button>`; }
 */
export class LocalizeController implements ReactiveController {
  readonly #features: FeatureTexts<unknown>[] = [];

  constructor(private readonly host: Host) {
    host.addController(this);
  }

  /** Also waits for a feature's own texts (a chunk per language) before the element renders. */
  need(texts: FeatureTexts<unknown>): void {
    this.#features.push(texts);
  }

  hostConnected(): void {
    watchDocument(this.host);
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
  }

  /** The language in effect. */
  get lang(): Language {
    return supportedLanguage(langOf(this.host));
  }

  /** The translation table of the language in effect (loaded before the element first renders). */
  get term(): Terms {
    const terms = termsOf(this.lang);
    if (!terms) throw new Error(`The ${this.lang} texts are not loaded yet (await loadTerms).`);
    return terms;
  }

  /** Resolves once the texts of the language in effect are loaded (at once when they are). */
  ready(): Promise<unknown> | undefined {
    const lang = this.lang;
    const loads: Promise<unknown>[] = termsOf(lang) ? [] : [loadTerms(lang)];
    for (const f of this.#features) if (!f.has(lang)) loads.push(f.load(lang));
    return loads.length === 0 ? undefined : Promise.all(loads);
  }

  /** A date and time in the language in effect. */
  dateTime(iso: string): string {
    return new Intl.DateTimeFormat(this.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(iso),
    );
  }

  /** A plain, translated sentence for a problem (the server's own text is in English only). */
  problem(problem: Problem): string {
    const t = this.term;
    if (problem.code === 'network-error' || problem.type.endsWith('/network-error')) return t.networkError;
    if (problem.status === 401) return t.signInFailed;
    if (problem.status === 403) return t.forbidden;
    if (problem.status === 409 || problem.status === 412) return t.conflict;
    if (problem.status === 400 || problem.status === 422) return t.invalid;
    return t.genericError;
  }
}
