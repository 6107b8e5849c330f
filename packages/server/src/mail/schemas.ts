import { z } from '@hono/zod-openapi';

export const MailListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ description: 'Page size (1–100).' }),
  cursor: z
    .string()
    .regex(/^[0-9]{1,18}$/)
    .optional()
    .openapi({ description: 'The `nextCursor` of the previous page.' }),
});

export const MailEntry = z
  .object({
    id: z.string(),
    kind: z.string().openapi({ example: 'password-reset' }),
    to: z.string(),
    subject: z.string(),
    status: z.enum(['kept', 'pending', 'sent', 'failed']).openapi({
      description:
        '`kept`: stored only (no SMTP configured); `pending`: waiting for (another) attempt; `sent`; `failed`: given up.',
    }),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    nextAttemptAt: z.iso.datetime({ offset: true }).nullable(),
    sentAt: z.iso.datetime({ offset: true }).nullable(),
    createdAt: z.iso.datetime({ offset: true }),
  })
  .openapi('MailEntry', {
    description: 'An outgoing mail without its bodies (they may carry single-use links).',
  });

export const MailPage = z
  .object({
    transport: z.enum(['smtp', 'outbox']).openapi({
      description: '`outbox`: the server has no `SMTP_URL`, so mail is kept, not sent.',
    }),
    items: z.array(MailEntry),
    nextCursor: z.string().nullable(),
  })
  .openapi('MailPage');
