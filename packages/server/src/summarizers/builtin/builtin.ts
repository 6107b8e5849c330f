import type { Summarizer, SummaryInput, SummaryResult } from '../summarizer.js';
import {
  ACTION_STEMS,
  APPLICATIONS,
  DEVICES,
  FOLLOW_UP_STEMS,
  hasStem,
  issueTypeOf,
  NEGATIONS,
  namesIn,
  RESOLVED_STEMS,
} from './lexicon.js';
import { PHRASES } from './phrases.js';
import { detectLanguage, sentencesOf, sentencesWithWords, termsOf, wordsOf } from './text.js';

/** One sentence of the conversation with what ranking needs. */
interface Sentence {
  text: string;
  author: 'customer' | 'staff';
  note: boolean;
  /** 0 … 1: where in the conversation it was said. */
  position: number;
  words: string[];
  terms: string[];
  order: number;
  score: number;
}

function sentencesFrom(input: SummaryInput): Sentence[] {
  const out: Sentence[] = [];
  const total = Math.max(1, input.messages.length - 1);
  input.messages.forEach((m, i) => {
    for (const { text, words } of sentencesWithWords(m.text)) {
      const lang = detectLanguage(words, input.language);
      out.push({
        text,
        author: m.author,
        note: m.kind === 'note',
        position: i / total,
        words,
        terms: termsOf(words, lang),
        order: out.length,
        score: 0,
      });
    }
  });
  return out;
}

/**
 * TF-IDF centrality: a sentence scores by how much it shares the conversation's frequent content
 * terms (each sentence a document), normalized by length so long rambles do not win by size.
 */
function rank(sentences: Sentence[], reasonTerms: readonly string[]): void {
  const df = new Map<string, number>();
  const tf = new Map<string, number>();
  for (const s of sentences) {
    for (const t of new Set(s.terms)) df.set(t, (df.get(t) ?? 0) + 1);
    for (const t of s.terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  }
  for (const t of reasonTerms) tf.set(t, (tf.get(t) ?? 0) + 3);
  const n = sentences.length + 1;
  for (const s of sentences) {
    let sum = 0;
    for (const t of new Set(s.terms)) sum += (tf.get(t) ?? 0) * Math.log(n / (df.get(t) ?? 1));
    const length = Math.sqrt(Math.max(4, s.terms.length));
    s.score = (sum / length) * (s.note ? 1.5 : 1) + (s.words.length < 3 ? -5 : 0);
  }
}

/** The best `k` sentences matching `keep`, told in conversation order, without repeats. */
function pick(
  sentences: readonly Sentence[],
  keep: (s: Sentence) => boolean,
  k: number,
  used: Set<number>,
): string[] {
  return sentences
    .filter((s) => keep(s) && !used.has(s.order))
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, k)
    .sort((a, b) => a.order - b.order)
    .map((s) => {
      used.add(s.order);
      return s.text;
    });
}

const minutesBetween = (a: string, b: string | null) => (b ? (Date.parse(b) - Date.parse(a)) / 60_000 : 0);

function firstSentence(text: string, max = 90): string {
  const first = sentencesOf(text)[0] ?? text;
  return first.length > max ? `${first.slice(0, max - 1).trimEnd()}…` : first;
}

/**
 * Summarizes a session without a language model (SI-7): deterministic and extractive. The problem
 * comes from the request reason and the customer's early sentences, the steps from what happened in
 * the session (calls, screenshots, consent) and the staff's action sentences, the resolution from
 * late sentences that say it works, follow-ups from sentences about what comes next. Quotes stay
 * in the language spoken; the fixed phrases are in the organization's summary language.
 */
export function summarizeBuiltin(input: SummaryInput): SummaryResult {
  const phrases = PHRASES[input.language];
  const sentences = sentencesFrom(input);
  const reasonWords = wordsOf(input.reason);
  rank(sentences, termsOf(reasonWords, detectLanguage(reasonWords, input.language)));
  const used = new Set<number>();

  const customerEarly = pick(sentences, (s) => s.author === 'customer' && s.position <= 0.5, 2, used);
  const reason = input.reason.trim();
  const problem =
    [reason && !/[.!?…]$/.test(reason) ? `${reason}.` : reason, ...customerEarly].filter(Boolean).join(' ') ||
    phrases.noProblem;

  const resolution = pick(
    sentences,
    (s) =>
      s.position >= 0.5 && hasStem(s.words, RESOLVED_STEMS) && !s.words.some((w) => NEGATIONS.includes(w)),
    2,
    used,
  );
  const followUps = pick(sentences, (s) => s.position >= 0.3 && hasStem(s.words, FOLLOW_UP_STEMS), 3, used);
  const staffActions = pick(
    sentences,
    (s) => s.author === 'staff' && hasStem(s.words, ACTION_STEMS),
    4,
    used,
  );

  const steps: string[] = [];
  for (const call of input.calls)
    steps.push(phrases.call(minutesBetween(call.startedAt, call.endedAt), call.transport));
  const shots = input.timeline.filter((e) => e.kind === 'screenshot').length;
  const annotations = input.timeline.filter((e) => e.kind === 'annotation').length;
  if (shots > 0) steps.push(phrases.screenshots(shots));
  if (annotations > 0) steps.push(phrases.annotations(annotations));
  const recording = input.timeline
    .filter((e) => e.kind === 'consent' && e.detail?.kind === 'recording')
    .at(-1);
  if (recording) steps.push(phrases.recordingConsent(recording.detail?.decision === 'granted'));
  steps.push(...staffActions);

  const follow = [...followUps];
  if (input.ticketLinks.length > 0) follow.push(phrases.tickets(input.ticketLinks.join(', ')));

  const allText = [input.reason, ...input.messages.map((m) => m.text)].join('\n');
  const devices = [input.device.name, ...namesIn(allText, DEVICES)].filter(
    (d, i, list) => d && list.findIndex((x) => x.toLowerCase() === d.toLowerCase()) === i,
  );
  return {
    title: input.reason.trim() ? firstSentence(input.reason) : (customerEarly[0] ?? phrases.untitled),
    problem,
    steps,
    resolution: resolution.join(' ') || phrases.noResolution,
    followUps: follow,
    issueType: issueTypeOf([
      { words: reasonWords, weight: 2 },
      ...sentences.map((s) => ({ words: s.words, weight: 1 })),
    ]),
    applications: namesIn(allText, APPLICATIONS),
    devices,
    language: input.language,
  };
}

/** The built-in summarizer (the default: no network, no model download). */
export const builtinSummarizer: Summarizer = {
  name: 'builtin',
  async summarize(input) {
    return summarizeBuiltin(input);
  },
};
