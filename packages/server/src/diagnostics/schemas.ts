import { z } from '@hono/zod-openapi';

/** The most a diagnostics report may weigh; a summary is a few hundred bytes. */
export const MAX_DIAGNOSTICS_BYTES = 2048;

const Seconds = (max: number) => z.number().min(0).max(max);
const Count = (max: number) => z.number().int().min(0).max(max);

/**
 * A compact quality summary of one call from one participant's side (MC-10): what the transports'
 * stats (`CallStats`) showed over the call, reduced on the client. Every field is bounded so a
 * report stays small; the server adds who sent it and when.
 */
export const CallDiagnosticsSummary = z
  .strictObject({
    transport: z.enum(['p2p', 'livekit']),
    durationSeconds: Seconds(7 * 86_400).openapi({
      description: 'How long this side has been in the call when reporting.',
    }),
    samples: Count(1_000_000).openapi({ description: 'How many stats snapshots the figures cover.' }),
    roundTripTime: z
      .strictObject({ average: Seconds(60), max: Seconds(60) })
      .optional()
      .openapi({ description: 'Round-trip time of the selected connection, in seconds.' }),
    framesPerSecond: z
      .strictObject({ average: z.number().min(0).max(1000), min: z.number().min(0).max(1000) })
      .optional()
      .openapi({ description: 'Video frames per second received from the other side.' }),
    framesDecoded: Count(1e12).optional(),
    bytesReceived: Count(1e15).optional(),
    bytesSent: Count(1e15).optional(),
    firstFrameSeconds: Seconds(600).optional().openapi({
      description: 'From joining the media to the first video frame decoded from the other side (MC-9).',
    }),
    reconnections: Count(100_000).openapi({ description: 'How often the connection had to recover.' }),
    final: z.boolean().openapi({ description: '`true` for the report sent when this side left the call.' }),
  })
  .openapi('CallDiagnosticsSummary');
export type CallDiagnosticsSummaryWire = z.infer<typeof CallDiagnosticsSummary>;

export const CallDiagnostics = z
  .object({
    callId: z.string(),
    sessionId: z.string(),
    participantId: z.string(),
    role: z.enum(['customer', 'staff']),
    summary: CallDiagnosticsSummary,
    reports: z.number().int().openapi({ description: 'How many reports this side sent for the call.' }),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .openapi('CallDiagnostics');
export type CallDiagnosticsWire = z.infer<typeof CallDiagnostics>;

export const CallDiagnosticsList = z
  .object({ items: z.array(CallDiagnostics) })
  .openapi('CallDiagnosticsList', { description: 'By call start, then customer before staff.' });
