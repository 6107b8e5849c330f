import { z } from '@hono/zod-openapi';
import { RECORDING_CIPHER, RECORDING_SEGMENT_BYTES } from '@sightline/core/recording';

const Id = z.string().min(1).max(200);
const Base64 = (min: number, max: number) =>
  z
    .string()
    .min(min)
    .max(max)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Standard base64');

export const RecordingSchema = z
  .object({
    id: z.string(),
    sessionId: z.string(),
    callId: z.string(),
    portalId: z.string(),
    teamId: z.string().nullable(),
    startedBy: z.string().openapi({ description: 'The staff member who recorded.' }),
    startedAt: z.iso.datetime({ offset: true }),
    stoppedAt: z.iso.datetime({ offset: true }).nullable(),
    status: z.enum(['recording', 'stopped', 'available', 'local']).openapi({
      description:
        '`recording` while it runs; `stopped` until its upload completes; `available` once stored on the ' +
        'server; `local` when the portal keeps recordings on the recording side only (MC-12).',
    }),
    storage: z.enum(['server', 'local']).openapi({
      description: '`local`: saved on the recording staff member’s machine, never uploaded (MC-12).',
    }),
    mimeType: z.string(),
    durationMs: z.number().int().nullable(),
    bytes: z.number().int().nullable().openapi({ description: 'Size of the stored (sealed) file.' }),
    sha256: z.string().nullable().openapi({
      description: 'SHA-256 of the media the recorder produced, before sealing (lowercase hex).',
    }),
    uploadedBytes: z.number().int(),
    stopReason: z.enum(['stopped', 'consent-revoked', 'size-limit', 'call-ended', 'recovered']).nullable(),
    protected: z
      .boolean()
      .openapi({ description: 'Whether replaying needs the portal’s replay passphrase (MC-13).' }),
    availableAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .openapi('Recording');
export type RecordingWire = z.infer<typeof RecordingSchema>;

export const RecordingList = z
  .object({
    items: z.array(RecordingSchema),
    nextCursor: z.string().nullable().openapi({ description: 'Pass as `cursor` for the next page.' }),
  })
  .openapi('RecordingList');

export const StartRecordingRequest = z
  .strictObject({
    callId: Id.openapi({ description: 'The running call of the session that is recorded.' }),
    mimeType: z
      .string()
      .regex(
        /^video\/webm(;\s*codecs="?[A-Za-z0-9.,\s]+"?)?$/,
        'A WebM type, e.g. video/webm;codecs="vp8,opus"',
      )
      .max(100),
  })
  .openapi('StartRecordingRequest');

export const StartedRecording = z
  .object({
    recording: RecordingSchema,
    encryption: z.object({
      cipher: z.literal(RECORDING_CIPHER),
      segmentBytes: z.literal(RECORDING_SEGMENT_BYTES),
      replayKeyId: z.string().nullable(),
      publicKey: z
        .string()
        .nullable()
        .openapi({
          description:
            'The portal’s replay key (RSA-OAEP SHA-256, SPKI base64): wrap the data key with it. `null`: the ' +
            'portal has no replay passphrase; send the data key itself when stopping.',
        }),
    }),
    upload: z
      .object({
        endpoint: z
          .string()
          .openapi({ description: 'tus 1.0 creation endpoint (see docs/architecture.md).' }),
        maxBytes: z.number().int(),
      })
      .nullable()
      .openapi({ description: '`null` for a local-only portal (MC-12): save the file, do not upload.' }),
  })
  .openapi('StartedRecording');

export const StopRecordingRequest = z
  .strictObject({
    durationMs: z
      .number()
      .int()
      .min(0)
      .max(7 * 86_400_000),
    bytes: z
      .number()
      .int()
      .min(16)
      .openapi({ description: 'Size of the sealed file that will be uploaded.' }),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits'),
    reason: z.enum(['stopped', 'consent-revoked', 'size-limit', 'call-ended', 'recovered']),
    wrappedDataKey: Base64(16, 1024).optional().openapi({
      description:
        'The data key wrapped with `encryption.publicKey`; required when the portal has a passphrase.',
    }),
    dataKey: Base64(44, 44)
      .optional()
      .openapi({ description: 'The 32-byte data key itself; only when the recording is not protected.' }),
  })
  .openapi('StopRecordingRequest');

export const ReplayRequest = z
  .strictObject({
    passphrase: z.string().min(1).max(1024).optional().openapi({
      description: 'The portal’s replay passphrase; required for a protected recording (MC-13).',
    }),
  })
  .openapi('ReplayRequest');

export const ReplayGrant = z
  .object({
    dataKey: z.string().openapi({ description: 'The recording’s 32-byte data key, base64. Never stored.' }),
    cipher: z.literal(RECORDING_CIPHER),
    segmentBytes: z.literal(RECORDING_SEGMENT_BYTES),
    contentUrl: z.string().openapi({ description: 'The sealed file (`GET`, byte ranges allowed).' }),
    mimeType: z.string(),
    bytes: z.number().int(),
    sha256: z.string().nullable(),
  })
  .openapi('ReplayGrant');

export const PassphraseStatus = z
  .object({
    portalId: z.string(),
    protected: z.boolean(),
    replayKeyId: z.string().nullable(),
    setAt: z.iso.datetime({ offset: true }).nullable(),
    changedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .openapi('ReplayPassphraseStatus');

const Passphrase = z
  .string()
  .min(12, 'At least 12 characters')
  .max(1024)
  .openapi({ description: 'At least 12 characters. It cannot be reset: keep it safe (MC-13).' });

export const SetPassphraseRequest = z
  .strictObject({
    password: z.string().min(1).max(1024).openapi({ description: 'Your own account password.' }),
    passphrase: Passphrase,
    currentPassphrase: z
      .string()
      .min(1)
      .max(1024)
      .optional()
      .openapi({ description: 'Required to change a passphrase that is set.' }),
  })
  .openapi('SetReplayPassphraseRequest');

export const RemovePassphraseRequest = z
  .strictObject({
    password: z.string().min(1).max(1024).openapi({ description: 'Your own account password.' }),
  })
  .openapi('RemoveReplayPassphraseRequest');

export const RecordingParams = z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) });
export const SessionParams = z.object({ id: Id.openapi({ param: { name: 'id', in: 'path' } }) });

export const RecordingQuery = z.object({
  sessionId: Id.optional(),
  portalId: Id.optional(),
  teamId: Id.optional(),
  agentId: Id.optional().openapi({ description: 'Recorded by this staff member.' }),
  from: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Started at or after.' }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Started before.' }),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const ExportQuery = RecordingQuery.omit({ cursor: true, limit: true });
