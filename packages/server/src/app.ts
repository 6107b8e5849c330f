import { OpenAPIHono } from '@hono/zod-openapi';
import type { TeamNode } from '@sightline/core/domain';
import { registerAiSettingsRoutes } from './ai-settings/routes.js';
import { registerApiKeyRoutes } from './api-keys/routes.js';
import { authenticate } from './auth/authenticate.js';
import { registerRefreshRoute } from './auth/refresh.js';
import { registerAuthRoutes } from './auth/routes.js';
import { resolveJwtSecret } from './auth/secrets.js';
import { folderBlobStore } from './blobs/store.js';
import { liveKitSdk } from './calls/livekit.js';
import { endAbandonedCalls } from './calls/presence.js';
import { registerCallRoutes } from './calls/routes.js';
import type { ServerConfig } from './config.js';
import { registerConsentRoutes } from './consents/routes.js';
import type { AppEnv, Services } from './context.js';
import { registerCreditRoutes } from './credits/routes.js';
import { registerDashboardRoutes } from './dashboards/routes.js';
import type { DatabaseHandle } from './db/connect.js';
import { migrate } from './db/migrations.js';
import { registerDeviceRoutes } from './devices/routes.js';
import { registerDiagnosticsRoutes } from './diagnostics/routes.js';
import { OutboxFeed } from './events/outbox-feed.js';
import { registerEventRoutes } from './events/routes.js';
import { jsonBodyLimit } from './http/body-limit.js';
import { clientAddress } from './http/client-ip.js';
import { ContractInputs } from './http/contract-inputs.js';
import { apiCors } from './http/cors.js';
import {
  deferredProblem,
  isDeferred,
  standIn,
  unreadInputGuard,
  validationError,
} from './http/deferred-input.js';
import { notFoundOrMethodNotAllowed } from './http/method-not-allowed.js';
import { requireJsonBody } from './http/required-body.js';
import { RouteTable } from './http/route-table.js';
import { securityHeaders } from './http/security-headers.js';
import { textGuard } from './http/text-guard.js';
import { integrationGate } from './integrations/gate.js';
import { registerIntegrationRoutes } from './integrations/routes.js';
import { registerMailRoutes } from './mail/routes.js';
import { registerMessageRoutes } from './messages/routes.js';
import { registerDocsRoutes } from './openapi/docs.js';
import { problemConformance } from './openapi/problem-conformance.js';
import { isBootstrapPath } from './organizations/bootstrap.js';
import { registerOrganizationRoutes } from './organizations/routes.js';
import { registerPasswordResetRoutes } from './password-reset/routes.js';
import { registerPortalRoutes } from './portals/routes.js';
import { registerPresenceRoutes } from './presence/routes.js';
import { onError, validationProblem } from './problems/handlers.js';
import { problem, problemResponse } from './problems/problem.js';
import { registerRatingRoutes } from './ratings/routes.js';
import { registerRecordingExport } from './recordings/export.js';
import { registerPassphraseRoutes } from './recordings/passphrase-routes.js';
import { purgeRecordings } from './recordings/purge.js';
import { registerReplayRoutes } from './recordings/replay-routes.js';
import { registerRecordingRoutes } from './recordings/routes.js';
import { recordingStorage } from './recordings/storage.js';
import { isRecordingUpload, registerRecordingUpload } from './recordings/upload.js';
import { ReportJob } from './reports/job.js';
import { registerReportRoutes } from './reports/routes.js';
import { retentionGone } from './retention/gone.js';
import { RetentionJob } from './retention/job.js';
import { hasOwnBodyLimit, registerScreenshotRoutes } from './screenshots/routes.js';
import { registerAssignmentRoutes } from './sessions/assignment-routes.js';
import { autoCloseDueSessions } from './sessions/auto-close.js';
import { registerInviteRoutes } from './sessions/invites.js';
import { registerSessionRoutes } from './sessions/routes.js';
import { registerSettingsRoutes } from './settings/routes.js';
import { registerSummaryRoutes } from './summaries/routes.js';
import { SummaryWorker } from './summaries/worker.js';
import { createSummarizer, type Summarizer } from './summarizers/index.js';
import { registerTeamRoutes } from './teams/routes.js';
import { RequestThrottle } from './throttling/request-throttle.js';
import { SignInThrottle, signInLimitsOf } from './throttling/sign-in-throttle.js';
import { fillPendingPasswords } from './users/import-passwords.js';
import { hasImportBodyLimit, registerUserImportRoutes } from './users/import-routes.js';
import { registerUserRoutes } from './users/routes.js';
import { registerWebhookRoutes } from './webhooks/routes.js';
import { WebhookWorker } from './webhooks/worker.js';

export interface CreateAppOptions {
  handle: DatabaseHandle;
  config: ServerConfig;
  clock?: () => Date;
  /** The summarizer of summary jobs; default from the configuration (`createSummarizer`). */
  summarizer?: Summarizer;
}

/** A built application: the Hono app plus what is needed to stop it cleanly. */
export interface SightlineApp {
  app: OpenAPIHono<AppEnv>;
  services: Services;
  /** Summary jobs (SI-7): `drain()` runs what is due and waits. */
  summaryWorker: SummaryWorker;
  /** Webhook fan-out and delivery (SI-12): `drain()` fans out and sends what is due, and waits. */
  webhookWorker: WebhookWorker;
  /** Deletes session data past retention (MC-14): `run()` runs it now. */
  retentionJob: RetentionJob;
  /** Monthly reports and scheduled report mails (MC-9): `run()` runs what is due now. */
  reportJob: ReportJob;
  /** Ends every open event stream. */
  stop(): void;
}

/**
 * An OpenAPIHono whose validation failures are problem documents. Problems of path parameters, the
 * query and the JSON body reach the route as stand-ins that throw at first use, so the route's
 * authorization, existence and precondition checks answer first (http/deferred-input.ts).
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      const { target } = result;
      if (!isDeferred(target)) {
        return result.success ? undefined : validationProblem(result.error, target);
      }
      const problem =
        deferredProblem(c, target) ?? (result.success ? undefined : validationError(result.error, target));
      // `{ response }` that is not a Response becomes the validated value the route reads.
      return problem ? { response: standIn(c, target, problem) as unknown as Response } : undefined;
    },
  });
}

/**
 * Builds the HTTP application on an open database: applies migrations, resolves the JWT secret and
 * registers every route. Tests call `app.request()` on it without opening a port.
 * @example
 * const { app } = await createApp({ handle: await openDatabase({}), config: testConfig() });
 * const res = await app.request('/v1/me', { headers: { authorization: `Bearer ${token}` } });
 */
export async function createApp(options: CreateAppOptions): Promise<SightlineApp> {
  const { handle, config } = options;
  const clock = options.clock ?? (() => new Date());
  await migrate(handle.db);
  // Loaded now so no LiveKit call waits for it; a failure to load shows at the first token.
  if (config.livekit) liveKitSdk().catch(() => {});
  const rawSecret = await resolveJwtSecret(handle.db, config.jwtSecret);
  const shutdown = new AbortController();
  const services: Services = {
    handle,
    config,
    clock,
    rawSecret,
    jwtSecret: new TextEncoder().encode(rawSecret),
    requests: new RequestThrottle(handle.db, rawSecret, clock),
    signIns: new SignInThrottle(handle.db, signInLimitsOf(config), rawSecret, clock),
    livekit: config.livekit,
    shutdown: shutdown.signal,
    outboxFeed: new OutboxFeed(handle),
    async teamsOf(organizationId: string): Promise<readonly TeamNode[]> {
      return handle.cache.get(`teams:${organizationId}`, ['teams'], async () =>
        Object.freeze(
          (
            await handle.db
              .selectFrom('teams')
              .select(['id', 'parent_id as parentId'])
              .where('organization_id', '=', organizationId)
              .where('deleted_at', 'is', null)
              .execute()
          ).map((t) => Object.freeze(t)),
        ),
      );
    },
  };

  const app = createRouter();
  app.onError(onError);
  const routes = new RouteTable(app);
  // Unknown methods on a known path: 405 with Allow, else 404.
  app.notFound(notFoundOrMethodNotAllowed(routes));
  // Who the client is, behind trusted proxies: the key of per-client throttles.
  app.use('*', clientAddress(config.trustedProxies ?? []));
  app.use(
    '*',
    securityHeaders({
      frameAncestors: config.frameAncestors,
      trustedProxies: config.trustedProxies,
      livekitUrl: config.livekit?.url,
      publicUrl: config.publicUrl,
    }),
  );
  app.use('/v1/*', apiCors(config.corsOrigins ?? '*'));
  const inputs = new ContractInputs(app);
  if (config.checkProblemTypes) app.use('/v1/*', problemConformance(inputs));
  const bodyLimit = jsonBodyLimit(config.maxBodyBytes, () =>
    problemResponse(
      problem(413, 'body-too-large', `Request bodies are limited to ${config.maxBodyBytes} bytes.`),
    ),
  );
  // Screenshot uploads carry images and set their own limit.
  // GET and HEAD carry no body (and asking for one would build a full web Request for nothing).
  app.use('/v1/*', (c, next) =>
    c.req.method === 'GET' ||
    c.req.method === 'HEAD' ||
    hasOwnBodyLimit(c.req.method, c.req.path) ||
    hasImportBodyLimit(c.req.method, c.req.path) ||
    isRecordingUpload(c.req.path)
      ? next()
      : bodyLimit(c, next),
  );
  const auth = authenticate(services);
  // Sign-in routes are public; the operator's organization routes check the bootstrap token themselves.
  app.use('/v1/*', (c, next) =>
    c.req.path.startsWith('/v1/auth/') || isBootstrapPath(c.req.path) ? next() : auth(c, next),
  );
  app.use('/v1/*', integrationGate());
  // NUL, control characters and invalid Unicode in any input: 400 naming the field, nothing written.
  const ownBody = (method: string, path: string) =>
    hasOwnBodyLimit(method, path) || hasImportBodyLimit(method, path) || isRecordingUpload(path);
  app.use('/v1/*', textGuard(routes, inputs, ownBody));
  app.use('/v1/*', requireJsonBody(inputs));
  app.use('/v1/*', unreadInputGuard());
  // A purged session's data: 410 "kept for N days" to those who may see the session (MC-14).
  app.use('/v1/sessions/*', retentionGone(services, config.retentionDays));
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description:
      'A token from /v1/auth/login or /v1/auth/access-code, an API key (`slk_…`), an integration token (`sli_…`) or a token exchanged from one.',
  });

  // Blobs (screenshots, recordings) in the folder, or in an S3-compatible bucket when configured
  // (its SDK is loaded only then: about 10 MB of heap and 0.3 s of every start otherwise).
  const blobs = config.s3
    ? (await import('./blobs/s3.js')).s3BlobStore(config.s3)
    : folderBlobStore(config.blobDir);
  const recordings = await recordingStorage(config);
  registerAuthRoutes(app, services);
  registerRefreshRoute(app, services);
  registerOrganizationRoutes(app, services);
  registerUserImportRoutes(app, services);
  registerUserRoutes(app, services);
  registerApiKeyRoutes(app, services);
  registerIntegrationRoutes(app, services);
  registerPasswordResetRoutes(app, services);
  registerMailRoutes(app, services);
  registerDeviceRoutes(app, services);
  registerPortalRoutes(app, services);
  registerSessionRoutes(app, services);
  registerAssignmentRoutes(app, services);
  registerInviteRoutes(app, services);
  registerCallRoutes(app, services);
  registerDiagnosticsRoutes(app, services);
  registerConsentRoutes(app, services);
  registerScreenshotRoutes(app, services, blobs);
  // The export first: its path would otherwise read as a recording's id.
  registerRecordingExport(app, services, blobs);
  registerRecordingRoutes(app, services, blobs, recordings);
  registerRecordingUpload(app, services, recordings);
  registerReplayRoutes(app, services, blobs);
  registerPassphraseRoutes(app, services);
  registerTeamRoutes(app, services);
  registerSettingsRoutes(app, services);
  registerMessageRoutes(app, services);
  registerRatingRoutes(app, services);
  registerReportRoutes(app, services);
  registerPresenceRoutes(app, services);
  registerDashboardRoutes(app, services);
  registerAiSettingsRoutes(app, services);
  registerCreditRoutes(app, services);
  registerSummaryRoutes(app, services);
  registerEventRoutes(app, services);
  const webhookWorker = new WebhookWorker(services, {
    pollMs: config.webhookPollMs,
    timeoutMs: config.webhookTimeoutMs,
    allowPrivate: config.webhooksAllowPrivate,
    disableAfterMs: config.webhookDisableAfterMs,
  });
  registerWebhookRoutes(app, services, webhookWorker);
  registerDocsRoutes(app);

  const timer =
    config.autoCloseCheckMs > 0
      ? setInterval(() => {
          autoCloseDueSessions(services).catch((error) => console.error('auto-close failed', error));
        }, config.autoCloseCheckMs)
      : undefined;
  timer?.unref();
  // Calls one side of which has been gone for the grace period end as abandoned (VS-9).
  const abandonTimer =
    config.callPresenceCheckMs > 0
      ? setInterval(() => {
          endAbandonedCalls(services).catch((error) => console.error('call presence check failed', error));
        }, config.callPresenceCheckMs)
      : undefined;
  abandonTimer?.unref();
  // Passwords of a large import still waiting sealed (a restart mid-way) get their hashes now.
  void fillPendingPasswords(services);
  // Summary jobs: queued by completions, left by a restart or waiting for a retry (SI-7).
  const summaryWorker = new SummaryWorker(services, options.summarizer ?? createSummarizer(config), {
    leaseMs: config.summaryJobLeaseMs,
    pollMs: config.summaryJobPollMs,
  });
  services.summaryJobs = summaryWorker;
  summaryWorker.start();
  webhookWorker.start();
  const retentionJob = new RetentionJob(services, {
    blobs,
    retentionDays: config.retentionDays,
    purgers: [purgeRecordings(recordings)],
    intervalMs: config.retentionCheckMs,
  });
  retentionJob.start();
  const reportJob = new ReportJob(services, { intervalMs: config.reportCheckMs });
  reportJob.start();

  return {
    app,
    services,
    summaryWorker,
    webhookWorker,
    retentionJob,
    reportJob,
    stop: () => {
      retentionJob.stop();
      reportJob.stop();
      clearInterval(timer);
      clearInterval(abandonTimer);
      summaryWorker.stop();
      webhookWorker.stop();
      services.outboxFeed.close();
      shutdown.abort();
    },
  };
}
