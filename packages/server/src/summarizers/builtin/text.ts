import type { SummaryLanguage } from '@sightline/core/domain';
import stopword from 'stopword';
import model from 'wink-eng-lite-web-model';
import winkNLP, { type ItemSentence, type Tokens } from 'wink-nlp';

// Sentence splitting and word tokens: wink-nlp's rule-based tokenizer (its light English model is an
// npm package, loaded once; no download at run time). Its tokenizer handles Latin-script German,
// Spanish and Portuguese text well enough for extraction; stopwords come per language. Only its
// sentence boundaries are run, besides the tokenizer: the rest of its pipeline (entities, negation,
// sentiment, parts of speech) went unused and took two thirds of its time.
let nlp: ReturnType<typeof winkNLP> | undefined;
function engine() {
  nlp ??= winkNLP(model, ['sbd']);
  return nlp;
}

const STOPWORDS: Record<SummaryLanguage, Set<string>> = {
  en: new Set(stopword.eng),
  de: new Set(stopword.deu),
  es: new Set(stopword.spa),
  pt: new Set([...stopword.por, ...stopword.porBr]),
};

/** Sentences of a text, trimmed, empty ones dropped. */
export function sentencesOf(text: string): string[] {
  const doc = engine().readDoc(text);
  return doc
    .sentences()
    .out()
    .map((s: string) => s.trim())
    .filter((s: string) => s.length > 0);
}

/**
 * The sentences of a text with the lower-case word tokens of each, from one reading of the text
 * (reading it again per sentence doubled the summarizer's time). Sentences without words are left
 * out.
 */
export function sentencesWithWords(text: string): { text: string; words: string[] }[] {
  const out: { text: string; words: string[] }[] = [];
  engine()
    .readDoc(text)
    .sentences()
    .each((sentence: ItemSentence) => {
      const words = wordTokens(sentence.tokens());
      const trimmed = sentence.out().trim();
      if (trimmed.length > 0 && words.length > 0) out.push({ text: trimmed, words });
    });
  return out;
}

/** Lower-case word tokens of a text (no punctuation, numbers or emoji). */
export function wordsOf(text: string): string[] {
  return wordTokens(engine().readDoc(text).tokens());
}

/** The lower-case words among tokens (no punctuation, numbers or emoji). */
function wordTokens(tokens: Tokens): string[] {
  const { its } = engine();
  const types = tokens.out(its.type) as string[];
  return (tokens.out(its.normal) as string[]).filter((_, i) => types[i] === 'word');
}

/**
 * The language a text is written in, by stopword hits (en, de, es, pt); `fallback` when nothing
 * decides. Cheap, and right for the short chat lines of a support session.
 */
export function detectLanguage(words: readonly string[], fallback: SummaryLanguage): SummaryLanguage {
  let best: SummaryLanguage = fallback;
  let bestHits = 0;
  for (const lang of ['en', 'de', 'es', 'pt'] as const) {
    let hits = 0;
    for (const w of words) if (STOPWORDS[lang].has(w)) hits++;
    if (hits > bestHits) {
      best = lang;
      bestHits = hits;
    }
  }
  return best;
}

/** Content terms of words in a language: stopwords and short words out, a light prefix stem. */
export function termsOf(words: readonly string[], lang: SummaryLanguage): string[] {
  const stop = STOPWORDS[lang];
  return words.filter((w) => w.length > 2 && !stop.has(w)).map((w) => (w.length > 7 ? w.slice(0, 7) : w));
}
