import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { integrationScopes } from '@sightline/core/domain';
import type { SightlineApp } from '../app.js';
import { createIntegrationToken } from '../integrations/service.js';
import { DEMO } from '../seed.js';

/** What `examples/crm/backend.mjs` exports (plain JavaScript: the integrator's side). */
interface CrmBackend {
  handle(request: Request): Promise<Response | undefined>;
  provision(): Promise<void>;
  receiverUrl: string;
}

/**
 * Mounts the CRM example's backend (SI-12) at `/examples/crm/api/…` for the demo, the way an
 * integrator would run it: a company manager's integration token (made afresh at every start, the
 * previous one revoked) configured into the CRM, which registers its webhook receiver itself once the
 * server listens (`provision`). Returns `undefined` without the example or the demo organization.
 */
export async function mountCrmExample(
  sightline: SightlineApp,
  examplesDir: string,
): Promise<CrmBackend | undefined> {
  const file = resolve(examplesDir, 'crm/backend.mjs');
  if (!existsSync(file)) return undefined;
  const { app, services } = sightline;
  const { db } = services.handle;
  const org = await db
    .selectFrom('organizations')
    .select('id')
    .where('id', '=', DEMO.organizationId)
    .executeTakeFirst();
  if (!org) return undefined;
  const name = 'Helpdesk One (CRM example)';
  const now = services.clock();
  await db
    .updateTable('integration_tokens')
    .set({ revoked_at: now })
    .where('organization_id', '=', DEMO.organizationId)
    .where('name', '=', name)
    .where('revoked_at', 'is', null)
    .execute();
  const { token } = await createIntegrationToken(
    db,
    DEMO.organizationId,
    DEMO.managerId,
    { name, scopes: [...integrationScopes] },
    now,
  );
  const { createCrmBackend } = (await import(pathToFileURL(file).href)) as {
    createCrmBackend(options: { sightlineUrl: string; token: string; crmUrl: string }): CrmBackend;
  };
  const publicUrl = services.config.publicUrl.replace(/\/$/, '');
  const crm = createCrmBackend({ sightlineUrl: publicUrl, token, crmUrl: `${publicUrl}/examples/crm/` });
  app.all('/examples/crm/api/*', async (c) => (await crm.handle(c.req.raw)) ?? c.notFound());
  return crm;
}
