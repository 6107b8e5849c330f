import { z } from '@hono/zod-openapi';
import {
  RATING_MAX_COMMENT,
  RATING_MAX_SCORE,
  RATING_MIN_SCORE,
  unreadableText,
} from '@sightline/core/domain';

/** A rating as the API shows it (MC-15). */
export const RatingSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    by: z.object({
      kind: z.enum(['customer', 'staff']),
      participantId: z
        .string()
        .openapi({ description: 'The rater’s participant id, as `GET /v1/me` and calls show it.' }),
      displayName: z
        .string()
        .optional()
        .openapi({ description: 'The staff member’s name, or the device’s name for the customer.' }),
    }),
    score: z.number().int().min(RATING_MIN_SCORE).max(RATING_MAX_SCORE),
    comment: z.string().nullable(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .openapi('Rating');
export type RatingWire = z.infer<typeof RatingSchema>;

export const PostRatingRequest = z
  .strictObject({
    score: z
      .number()
      .int()
      .min(RATING_MIN_SCORE)
      .max(RATING_MAX_SCORE)
      .openapi({ description: 'Whole stars, 1 (poor) to 5 (excellent).' }),
    comment: z
      .string()
      .trim()
      .max(RATING_MAX_COMMENT)
      .refine((t) => !unreadableText(t), {
        message: 'Text must not contain NUL characters or unpaired surrogates.',
      })
      .optional()
      .openapi({ description: 'Optional; blank counts as none.' }),
  })
  .openapi('PostRatingRequest');

export const RatingList = z.object({ items: z.array(RatingSchema) }).openapi('RatingList');

export const RatingParams = z.object({ id: z.string().min(1).max(200) });
