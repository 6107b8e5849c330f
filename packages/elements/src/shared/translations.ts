// The user-visible text of every element, in each supported language: the shared and request-flow
// texts here, one module per language in terms/ (`terms/en.ts` defines the terms; the other tables
// must provide every term — the `Terms` type enforces it — so no text stays English-only), and each
// feature's own texts beside it. Terms that take values are functions (shoelace
// `src/utilities/localize.ts`).

import type { Terms } from './terms/en.js';

export type { Terms };

/** A language the elements speak. */
export type Language = 'en' | 'de' | 'es' | 'pt';

/** The languages the elements speak, English first (the fallback). */
export const languages: readonly Language[] = ['en', 'de', 'es', 'pt'];

// Every language is a chunk of its own, loaded when a page first needs it (elements wait for it before
// they first render).
const loaded: Partial<Record<Language, Terms>> = {};
const loading: Partial<Record<Language, Promise<Terms>>> = {};
const loaders: Record<Language, () => Promise<{ terms: Terms }>> = {
  en: () => import('./terms/en.js'),
  de: () => import('./terms/de.js'),
  es: () => import('./terms/es.js'),
  pt: () => import('./terms/pt.js'),
};

/** A language's shared texts when loaded, else `undefined`. */
export function termsOf(lang: Language): Terms | undefined {
  return loaded[lang];
}

/**
 * Loads a language's shared texts (once; later calls share the load). Elements wait for their
 * language before they first render, so a page never shows English first.
 * @example
 * await loadTerms('de'); termsOf('de')?.submit; // 'Videoanruf anfragen'
 */
export function loadTerms(lang: Language): Promise<Terms> {
  const ready = loaded[lang];
  if (ready) return Promise.resolve(ready);
  loading[lang] ??= loaders[lang]().then((m) => {
    loaded[lang] = m.terms;
    return m.terms;
  });
  return loading[lang];
}

/**
 * One value per language, computed on first use once that language's shared texts are loaded — for
 * tables built from the shared texts. Elements read them only after their language has loaded.
 * @example
 * const consent = perLanguage((lang, shared) => ({ question: shared.summaryConsentQuestion }));
 */
export function perLanguage<T>(make: (lang: Language, shared: Terms) => T): Record<Language, T> {
  const cache: Partial<Record<Language, T>> = {};
  const table = {} as Record<Language, T>;
  for (const lang of languages)
    Object.defineProperty(table, lang, {
      enumerable: true,
      get: () => {
        const cached = cache[lang];
        if (cached) return cached;
        const shared = loaded[lang];
        if (!shared) throw new Error(`The ${lang} texts are not loaded yet (await loadTerms).`);
        cache[lang] = make(lang, shared);
        return cache[lang];
      },
    });
  return table;
}

/**
 * An element's own texts joined with the shared ones, per language: features keep their texts in
 * their own modules, so a page loads only the texts of what it shows.
 * @example
 * export const inboxTerms = withSharedTerms({ en, de, es, pt });
 */
export function withSharedTerms<T extends object>(own: Record<Language, T>): Record<Language, Terms & T> {
  return perLanguage((lang, shared) => ({ ...shared, ...own[lang] }));
}

/** A feature's own texts, one chunk per language, loaded like the shared ones. */
export interface FeatureTexts<T> {
  /** Loads a language's texts (once; later calls share the load). */
  load(lang: Language): Promise<T>;
  /** Whether a language's texts are loaded. */
  has(lang: Language): boolean;
  /** The texts by language; a language read before it is loaded throws. */
  readonly table: Readonly<Record<Language, T>>;
}

/**
 * A feature's own texts, a chunk per language, so a page loads the language it speaks only. An
 * element waits for them before it first renders: `this.localize.need(texts)`.
 * @example
 * export const callTexts = featureTexts<CallTexts>({ en: () => import('./terms/en.js'), … });
 * callTexts.table[lang].call.endCall;
 */
export function featureTexts<T>(loaders: Record<Language, () => Promise<{ texts: T }>>): FeatureTexts<T> {
  const done: Partial<Record<Language, T>> = {};
  const pending: Partial<Record<Language, Promise<T>>> = {};
  const table = {} as Record<Language, T>;
  for (const lang of languages)
    Object.defineProperty(table, lang, {
      enumerable: true,
      get: () => {
        const texts = done[lang];
        if (!texts) throw new Error(`The ${lang} texts are not loaded yet (await load).`);
        return texts;
      },
    });
  return {
    load: (lang) => {
      pending[lang] ??= loaders[lang]().then((m) => {
        done[lang] = m.texts;
        return m.texts;
      });
      return pending[lang];
    },
    has: (lang) => done[lang] !== undefined,
    table,
  };
}
