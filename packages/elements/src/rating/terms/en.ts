// The rating form's texts in English (MC-15). Every language is a chunk of its own, loaded with the
// form (`ratingTexts`); this table defines the terms, the others must provide every one.

const texts = {
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
export type RatingTerms = typeof texts;

export { texts };
