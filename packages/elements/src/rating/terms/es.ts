// The rating form's texts in Spanish (MC-15), a chunk of their own (see `en.ts`).
import type { RatingTerms } from './en.js';

export const texts: RatingTerms = {
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
