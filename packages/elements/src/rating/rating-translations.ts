import type { Language } from '../shared/translations.js';

// The rating form's texts (MC-15), in its own module so pages load them only with the form.

const en = {
  heading: 'Rate this session',
  question: 'How was this session?',
  stars: (n: number) => (n === 1 ? '1 star' : `${n} stars`),
  comment: 'Comment (optional)',
  send: 'Send rating',
  sending: 'Sending…',
  skip: 'Skip',
  scoreRequired: 'Please choose from 1 to 5 stars.',
  commentTooLong: 'Please keep the comment under 2000 characters.',
  thanks: 'Thank you for your rating!',
  rated: (n: number) => `You rated this session ${n} of 5.`,
};

/** The rating form's terms; every language provides each one. */
export type RatingTerms = typeof en;

const de: RatingTerms = {
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

const es: RatingTerms = {
  heading: 'Valorar esta sesión',
  question: '¿Qué tal fue esta sesión?',
  stars: (n: number) => (n === 1 ? '1 estrella' : `${n} estrellas`),
  comment: 'Comentario (opcional)',
  send: 'Enviar valoración',
  sending: 'Enviando…',
  skip: 'Omitir',
  scoreRequired: 'Elija de 1 a 5 estrellas.',
  commentTooLong: 'El comentario debe tener menos de 2000 caracteres.',
  thanks: '¡Gracias por su valoración!',
  rated: (n: number) => `Ha valorado esta sesión con ${n} de 5.`,
};

const pt: RatingTerms = {
  heading: 'Avaliar esta sessão',
  question: 'Como foi esta sessão?',
  stars: (n: number) => (n === 1 ? '1 estrela' : `${n} estrelas`),
  comment: 'Comentário (opcional)',
  send: 'Enviar avaliação',
  sending: 'Enviando…',
  skip: 'Pular',
  scoreRequired: 'Escolha de 1 a 5 estrelas.',
  commentTooLong: 'O comentário deve ter menos de 2000 caracteres.',
  thanks: 'Obrigado pela sua avaliação!',
  rated: (n: number) => `Você avaliou esta sessão com ${n} de 5.`,
};

export const ratingTranslations: Record<Language, RatingTerms> = { en, de, es, pt };
