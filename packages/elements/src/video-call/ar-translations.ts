import type { CallTexts } from './terms/en.js';

// The AR tool bar's texts (VS-11 … VS-14) travel with the call's texts, one chunk per language
// (`callTexts.table[lang].ar`); `terms/en.ts` defines them.

/** Every AR term. */
export type ArTerms = CallTexts['ar'];
