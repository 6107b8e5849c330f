// The rating form's texts in Portuguese (MC-15), a chunk of their own (see `en.ts`).
import type { RatingTerms } from './en.js';

export const texts: RatingTerms = {
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
