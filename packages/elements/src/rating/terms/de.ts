// The rating form's texts in German (MC-15), a chunk of their own (see `en.ts`).
import type { RatingTerms } from './en.js';

export const texts: RatingTerms = {
  heading: 'Diese Sitzung bewerten',
  question: 'Wie war diese Sitzung?',
  stars: (n: number) => (n === 1 ? '1 Stern' : `${n} Sterne`),
  comment: 'Kommentar (optional)',
  send: 'Bewertung senden',
  sending: 'Wird gesendet…',
  skip: 'Überspringen',
  scoreRequired: 'Bitte wählen Sie 1 bis 5 Sterne.',
  commentTooLong: 'Bitte halten Sie den Kommentar unter 2000 Zeichen.',
  thanks: 'Vielen Dank für Ihre Bewertung!',
  rated: (n: number) => `Sie haben diese Sitzung mit ${n} von 5 bewertet.`,
};
