import { featureTexts, perLanguage } from '../shared/translations.js';
import type { CallTexts } from './terms/en.js';

// The video call's texts (VS-8 … VS-15): one chunk per language (terms/), loaded with the call, so a
// call in German downloads the German texts only (issue 13).

/** The call, AR, recording and chat texts by language, loaded before the call first renders. */
export const callTexts = featureTexts<CallTexts>({
  en: () => import('./terms/en.js'),
  de: () => import('./terms/de.js'),
  es: () => import('./terms/es.js'),
  pt: () => import('./terms/pt.js'),
});

/** The call texts; every language provides each one. */
export type CallTerms = CallTexts['call'];

/** Every text the element shows: the shared terms and its own. */
export const callTerms = perLanguage((lang, shared) => ({ ...shared, ...callTexts.table[lang].call }));
