import { featureTexts } from '../shared/translations.js';
import type { RatingTerms } from './terms/en.js';

// The rating form's texts (MC-15): one chunk per language (terms/), loaded with the form, so a page
// in German downloads the German texts only (issue 13).

export type { RatingTerms };

/** The rating form's texts by language, loaded before the form first renders. */
export const ratingTexts = featureTexts<RatingTerms>({
  en: () => import('./terms/en.js'),
  de: () => import('./terms/de.js'),
  es: () => import('./terms/es.js'),
  pt: () => import('./terms/pt.js'),
});
