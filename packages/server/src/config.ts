import { resolve } from 'node:path';
import { CALL_PRESENCE, type CallPresenceTiming, SESSION_RETENTION_DAYS } from '@sightline/core/domain';
import type { S3Settings } from './blobs/s3.js';
import type { TlsFiles } from './http/listen.js';
import { parseFrameAncestors, parseTrustedProxies } from './http/security-headers.js';

/** LiveKit credentials; when present, calls use the LiveKit SFU instead of peer-to-peer signaling. */
export interface LiveKitConfig {
  url: string;
  apiKey: string;
  apiSecret: string;
}

/** Everything the server reads from its environment, resolved once at start. */
export interface ServerConfig {
  port: number;
  /**
   * `SIGHTLINE_TLS_CERT` and `SIGHTLINE_TLS_KEY` (PEM files): serve HTTP/2 over TLS, so a browser's
   * event and signal streams share one connection (HTTP/1.1 allows six per origin for all tabs).
   */
  tls?: TlsFiles | undefined;
  /** Embedded PostgreSQL (PGlite) data folder, used when `databaseUrl` is absent. */
  dataDir: string;
  /**
   * Where that PGlite runs (`SIGHTLINE_PGLITE_THREAD`): `worker` (default), a worker thread that
   * keeps the event loop free while a statement runs (issue 13, MC-7); `main`, the server's thread.
   */
  pgliteThread?: 'worker' | 'main' | undefined;
  /** Blob store folder for screenshots (`SIGHTLINE_BLOB_DIR`, default `<dataDir>/blobs`). */
  blobDir: string;
  databaseUrl: string | undefined;
  /** HS256 secret; when absent a secret is generated and persisted in the database. */
  jwtSecret: string | undefined;
  /** `SIGHTLINE_BOOTSTRAP_TOKEN`: guards creating organizations (`POST /v1/organizations`); unset → disabled. */
  bootstrapToken?: string | undefined;
  /** Public base URL used to build absolute links (signaling URLs). */
  publicUrl: string;
  livekit: LiveKitConfig | undefined;
  tokenTtlSeconds: number;
  customerTokenTtlSeconds: number;
  /**
   * How long a sign-in (or code redemption) lasts through refreshes (`POST /v1/auth/refresh`) before
   * signing in again is needed (`SIGHTLINE_MAX_SESSION_SECONDS`, default 12 h).
   */
  maxSessionSeconds: number;
  /**
   * Sign-in attempts (login, access-code exchange) per minute from one client network at one email
   * or code (`SIGHTLINE_AUTH_ATTEMPTS_PER_MINUTE`, default 10). Attempts that sign in are given back.
   */
  authAttemptsPerMinute: number;
  /**
   * Sign-in attempts per window from one client network across every email and code
   * (`SIGHTLINE_AUTH_FAILURES_PER_CLIENT`); unset → 3 × `authAttemptsPerMinute`, at least 30.
   */
  authFailuresPerClient?: number | undefined;
  /**
   * Sign-in attempts per window at one organization's accounts and codes from anywhere
   * (`SIGHTLINE_AUTH_FAILURES_PER_ORGANIZATION`); unset → 30 × `authAttemptsPerMinute`, at least 300.
   */
  authFailuresPerOrganization?: number | undefined;
  /** The window of the per-client and per-organization limits (`SIGHTLINE_AUTH_FAILURE_WINDOW_MINUTES`, default 15). */
  authFailureWindowSeconds?: number | undefined;
  /** The longest block the back-off reaches (`SIGHTLINE_AUTH_MAX_BLOCK_MINUTES`, default 60). */
  authMaxBlockSeconds?: number | undefined;
  maxBodyBytes: number;
  maxSignalBytes: number;
  /** Origins allowed to call the API from a browser (`SIGHTLINE_CORS_ORIGINS`, comma-separated); default any. */
  corsOrigins?: readonly string[] | '*';
  /** SSE heartbeat interval; comments keep proxies from closing idle streams. */
  heartbeatMs: number;
  /** VS-6: a completed session closes automatically after this long. */
  autoCloseAfterMs: number;
  /** How often to look for sessions due to auto-close; 0 disables the timer. */
  autoCloseCheckMs: number;
  /**
   * Call presence (VS-9): heartbeat, absence timeout and the grace period after which a call whose
   * one side is gone ends as abandoned (`SIGHTLINE_CALL_GRACE_SECONDS`, default 60).
   */
  callPresence: CallPresenceTiming;
  /** How often to look for abandoned calls; 0 disables the timer (heartbeats still check their call). */
  callPresenceCheckMs: number;
  /** `smtp://` or `smtps://` URL of the mail relay (`SMTP_URL`); without it mail is kept in the outbox table. */
  smtpUrl: string | undefined;
  /** Sender of outgoing mail (`SIGHTLINE_MAIL_FROM`). */
  mailFrom: string;
  /** Page a password-reset link opens; the token is appended as `#token=…` (`SIGHTLINE_PASSWORD_RESET_URL`). */
  passwordResetUrl: string;
  /** Reset mails per address per hour (`SIGHTLINE_PASSWORD_RESETS_PER_HOUR`). */
  passwordResetsPerHour: number;
  /** Demo mode (`SIGHTLINE_DEMO=1`, set by `npm run demo`): without SMTP, `/outbox` shows the kept mail. */
  demo: boolean;
  /**
   * OpenAI-compatible chat-completions endpoint for summaries (`SIGHTLINE_LLM_URL`, `…_MODEL`,
   * `…_API_KEY`, `…_TIMEOUT_MS`); without it the built-in extractive summarizer is used (SI-7).
   */
  llm?: { url: string; model: string; apiKey: string | undefined; timeoutMs: number } | undefined;
  /** How often the summary worker looks for due jobs; 0 disables the timer (tests drive it). */
  summaryJobPollMs: number;
  /** How long a running summary job is owned before another worker may take it over (a dead worker's). */
  summaryJobLeaseMs: number;
  /**
   * Webhooks may target loopback, private and other non-public addresses
   * (`SIGHTLINE_WEBHOOKS_ALLOW_PRIVATE=1`; on by default in demo mode, off otherwise).
   */
  webhooksAllowPrivate: boolean;
  /**
   * Holds every problem answer to the contract (its status documented, its code among the types
   * the contract names for it) and answers 500 naming a breach: on in tests, off in production.
   */
  checkProblemTypes?: boolean | undefined;
  /** How long one webhook attempt may take (`SIGHTLINE_WEBHOOK_TIMEOUT_MS`, default 10 s). */
  webhookTimeoutMs: number;
  /** An endpoint failing this long with no success is disabled (`SIGHTLINE_WEBHOOK_DISABLE_AFTER_DAYS`, default 5). */
  webhookDisableAfterMs: number;
  /** How often the webhook worker looks for due retries besides being woken by changes; 0 disables it (tests drive it). */
  webhookPollMs: number;
  /** Days session data is kept after the session's last change (`SIGHTLINE_RETENTION_DAYS`, default 90, MC-14). */
  retentionDays: number;
  /** How often the retention job runs; 0 disables the timer (tests run it). */
  retentionCheckMs: number;
  /** How often monthly reports and scheduled report mails are looked for (MC-9); 0: never. */
  reportCheckMs: number;
  /** The largest recording stored, in bytes (`SIGHTLINE_RECORDING_MAX_BYTES`, default 200 MB, MC-14). */
  recordingMaxBytes: number;
  /**
   * scrypt's cost for replay passphrases as log2 N (`SIGHTLINE_REPLAY_KDF_LOG_N`, default 17: 128 MiB
   * and about 0.4 s per derivation here, MC-13). Stored with each key, so changing it affects new keys.
   */
  replayKdfLogN: number;
  /**
   * An S3-compatible object store for blobs (screenshots, recordings) instead of `blobDir`:
   * `SIGHTLINE_S3_ENDPOINT`, `SIGHTLINE_S3_BUCKET`, `SIGHTLINE_S3_REGION` (default `us-east-1`),
   * `SIGHTLINE_S3_ACCESS_KEY_ID`, `SIGHTLINE_S3_SECRET_ACCESS_KEY`; path-style addressing.
   */
  s3?: S3Settings | undefined;
  /**
   * Origins allowed to frame the example pages (`SIGHTLINE_FRAME_ANCESTORS`, space- or
   * comma-separated, e.g. `https://crm.example`); unset → only the server's own origin.
   */
  frameAncestors?: readonly string[] | undefined;
  /**
   * Proxies in front of the server whose `X-Forwarded-Proto` is believed (`SIGHTLINE_TRUSTED_PROXIES`,
   * addresses or CIDR ranges, comma-separated); unset → none.
   */
  trustedProxies?: readonly string[] | undefined;
}

/**
 * Reads the configuration from environment variables.
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, repoRoot = process.cwd()): ServerConfig {
  const port = Number(env.PORT ?? 8080);
  const livekit =
    env.LIVEKIT_URL && env.LIVEKIT_API_KEY && env.LIVEKIT_API_SECRET
      ? { url: env.LIVEKIT_URL, apiKey: env.LIVEKIT_API_KEY, apiSecret: env.LIVEKIT_API_SECRET }
      : undefined;
  const dataDir = resolve(repoRoot, env.SIGHTLINE_DATA_DIR ?? '.data');
  if (!env.SIGHTLINE_TLS_CERT !== !env.SIGHTLINE_TLS_KEY)
    throw new Error('SIGHTLINE_TLS_CERT and SIGHTLINE_TLS_KEY go together: set both, or neither.');
  const tls =
    env.SIGHTLINE_TLS_CERT && env.SIGHTLINE_TLS_KEY
      ? {
          certFile: resolve(repoRoot, env.SIGHTLINE_TLS_CERT),
          keyFile: resolve(repoRoot, env.SIGHTLINE_TLS_KEY),
        }
      : undefined;
  const publicUrl = env.SIGHTLINE_PUBLIC_URL ?? `${tls ? 'https' : 'http'}://localhost:${port}`;
  return {
    port,
    tls,
    dataDir,
    blobDir: env.SIGHTLINE_BLOB_DIR ? resolve(repoRoot, env.SIGHTLINE_BLOB_DIR) : resolve(dataDir, 'blobs'),
    pgliteThread: env.SIGHTLINE_PGLITE_THREAD === 'main' ? 'main' : 'worker',
    databaseUrl: env.DATABASE_URL || undefined,
    jwtSecret: env.SIGHTLINE_JWT_SECRET || undefined,
    bootstrapToken: env.SIGHTLINE_BOOTSTRAP_TOKEN || undefined,
    publicUrl,
    livekit,
    tokenTtlSeconds: 60 * 60,
    customerTokenTtlSeconds: 4 * 60 * 60,
    maxSessionSeconds: Number(env.SIGHTLINE_MAX_SESSION_SECONDS ?? 12 * 60 * 60),
    authAttemptsPerMinute: Number(env.SIGHTLINE_AUTH_ATTEMPTS_PER_MINUTE ?? 10),
    authFailuresPerClient: optionalNumber(env.SIGHTLINE_AUTH_FAILURES_PER_CLIENT),
    authFailuresPerOrganization: optionalNumber(env.SIGHTLINE_AUTH_FAILURES_PER_ORGANIZATION),
    authFailureWindowSeconds: minutes(env.SIGHTLINE_AUTH_FAILURE_WINDOW_MINUTES),
    authMaxBlockSeconds: minutes(env.SIGHTLINE_AUTH_MAX_BLOCK_MINUTES),
    maxBodyBytes: 64 * 1024,
    maxSignalBytes: 16 * 1024,
    heartbeatMs: 15_000,
    corsOrigins: env.SIGHTLINE_CORS_ORIGINS
      ? env.SIGHTLINE_CORS_ORIGINS.split(',').map((o) => o.trim())
      : '*',
    autoCloseAfterMs: Number(env.SIGHTLINE_AUTO_CLOSE_MINUTES ?? 24 * 60) * 60_000,
    autoCloseCheckMs: 60_000,
    callPresence: {
      ...CALL_PRESENCE,
      graceMs: (optionalNumber(env.SIGHTLINE_CALL_GRACE_SECONDS) ?? CALL_PRESENCE.graceMs / 1000) * 1000,
    },
    callPresenceCheckMs: 2_000,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.SIGHTLINE_MAIL_FROM ?? `Sightline <no-reply@${mailDomain(publicUrl)}>`,
    passwordResetUrl: env.SIGHTLINE_PASSWORD_RESET_URL ?? `${publicUrl}/examples/reset/`,
    passwordResetsPerHour: Number(env.SIGHTLINE_PASSWORD_RESETS_PER_HOUR ?? 5),
    demo: env.SIGHTLINE_DEMO === '1' || env.SIGHTLINE_DEMO === 'true',
    llm: env.SIGHTLINE_LLM_URL
      ? {
          url: env.SIGHTLINE_LLM_URL,
          model: env.SIGHTLINE_LLM_MODEL ?? 'llama3.1',
          apiKey: env.SIGHTLINE_LLM_API_KEY || undefined,
          timeoutMs: Number(env.SIGHTLINE_LLM_TIMEOUT_MS ?? 60_000),
        }
      : undefined,
    summaryJobPollMs: 2_000,
    summaryJobLeaseMs: Number(env.SIGHTLINE_SUMMARY_LEASE_MS ?? 120_000),
    webhooksAllowPrivate: flag(env.SIGHTLINE_WEBHOOKS_ALLOW_PRIVATE) ?? flag(env.SIGHTLINE_DEMO) ?? false,
    webhookTimeoutMs: Number(env.SIGHTLINE_WEBHOOK_TIMEOUT_MS ?? 10_000),
    webhookDisableAfterMs: Number(env.SIGHTLINE_WEBHOOK_DISABLE_AFTER_DAYS ?? 5) * 86_400_000,
    webhookPollMs: 5_000,
    retentionDays: optionalNumber(env.SIGHTLINE_RETENTION_DAYS) ?? SESSION_RETENTION_DAYS,
    retentionCheckMs: 60 * 60_000,
    reportCheckMs: 10 * 60_000,
    recordingMaxBytes: optionalNumber(env.SIGHTLINE_RECORDING_MAX_BYTES) ?? 200_000_000,
    replayKdfLogN: optionalNumber(env.SIGHTLINE_REPLAY_KDF_LOG_N) ?? 17,
    s3: env.SIGHTLINE_S3_ENDPOINT
      ? {
          endpoint: env.SIGHTLINE_S3_ENDPOINT,
          bucket: env.SIGHTLINE_S3_BUCKET ?? 'sightline',
          region: env.SIGHTLINE_S3_REGION ?? 'us-east-1',
          accessKeyId: env.SIGHTLINE_S3_ACCESS_KEY_ID ?? '',
          secretAccessKey: env.SIGHTLINE_S3_SECRET_ACCESS_KEY ?? '',
        }
      : undefined,
    frameAncestors: parseFrameAncestors(env.SIGHTLINE_FRAME_ANCESTORS),
    trustedProxies: parseTrustedProxies(env.SIGHTLINE_TRUSTED_PROXIES),
  };
}

/** A positive number, or undefined when unset or not a positive number. */
function optionalNumber(value: string | undefined): number | undefined {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : undefined;
}

/** Minutes as seconds, or undefined when unset. */
function minutes(value: string | undefined): number | undefined {
  const n = optionalNumber(value);
  return n === undefined ? undefined : Math.round(n * 60);
}

/** `1`/`true` → true, `0`/`false` → false, unset or anything else → undefined. */
function flag(value: string | undefined): boolean | undefined {
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  return undefined;
}

/** The host of the public URL as a mail domain (`localhost` when it has no dot, as in the demo). */
function mailDomain(publicUrl: string): string {
  try {
    const host = new URL(publicUrl).hostname;
    return host.includes('.') ? host : 'localhost';
  } catch {
    return 'localhost';
  }
}

/** A configuration for tests: no environment, fast heartbeats. */
export function testConfig(overrides: Partial<ServerConfig> = {}): ServerConfig {
  return {
    ...loadConfig({}),
    publicUrl: 'http://localhost',
    jwtSecret: 'test-secret-test-secret-test-secret',
    heartbeatMs: 1_000,
    autoCloseCheckMs: 0,
    callPresenceCheckMs: 0,
    summaryJobPollMs: 0,
    webhookPollMs: 0,
    retentionCheckMs: 0,
    reportCheckMs: 0,
    // A cheaper passphrase derivation keeps tests fast; the algorithm is the same.
    replayKdfLogN: 12,
    // Tests run their webhook receivers on loopback.
    webhooksAllowPrivate: true,
    checkProblemTypes: true,
    ...overrides,
  };
}
