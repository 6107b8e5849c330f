import { z } from '@hono/zod-openapi';
import { CallSchema } from '../sessions/schemas.js';

export const MediaSchema = z
  .discriminatedUnion('transport', [
    z.object({
      transport: z.literal('p2p'),
      participantId: z.string(),
      signalingUrl: z.string().openapi({ description: 'POST signals here; GET it as an event stream.' }),
      iceServers: z.array(z.object({ urls: z.union([z.string(), z.array(z.string())]) })),
    }),
    z.object({
      transport: z.literal('livekit'),
      participantId: z.string(),
      url: z.string(),
      token: z.string(),
    }),
  ])
  .openapi('CallMedia');

export const CallJoin = z
  .object({
    call: CallSchema,
    media: MediaSchema,
    capabilities: z.array(z.string()).openapi({
      description:
        'What the caller may do in this call’s session (`Capability` values; AR tools follow the effective features, MC-5).',
    }),
  })
  .openapi('CallJoin');

export const CallParams = z.object({ id: z.string().min(1).max(200), callId: z.string().min(1).max(200) });

export const SignalRequest = z
  .strictObject({
    to: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .openapi({ description: 'Participant id; omitted → everyone else.' }),
    payload: z
      .unknown()
      .refine((v) => v !== undefined, 'Required')
      .openapi({ description: 'Any JSON (SDP offer/answer, ICE candidate); size-limited.' }),
  })
  .openapi('SignalRequest');

export const SignalAccepted = z.object({ id: z.string() }).openapi('SignalAccepted');

export const Signal = z
  .object({
    id: z.string(),
    from: z.string(),
    to: z.string().nullable(),
    payload: z.unknown(),
    at: z.iso.datetime({ offset: true }),
    monitor: z.boolean().optional().openapi({
      description:
        'From a silent monitor (MC-8): a receive-only offer or its candidates, not part of the call.',
    }),
  })
  .openapi('Signal');
