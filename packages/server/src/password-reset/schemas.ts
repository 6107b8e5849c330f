import { z } from '@hono/zod-openapi';
import { Password } from '../users/schemas.js';

export const PasswordResetRequest = z
  .strictObject({
    email: z.email().max(320).openapi({ example: 'agent@demo.test' }),
  })
  .openapi('PasswordResetRequest');

export const PasswordResetAccepted = z
  .object({
    accepted: z.literal(true),
    detail: z.string(),
  })
  .openapi('PasswordResetAccepted', {
    description: 'The same answer whether or not an account uses the address (MC-2).',
  });

export const PasswordResetConfirm = z
  .strictObject({
    token: z
      .string()
      .min(1)
      .max(200)
      .openapi({ description: 'The token from the mailed link (`#token=…`).' }),
    password: Password,
  })
  .openapi('PasswordResetConfirm');
