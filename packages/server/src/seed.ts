import type { Kysely } from 'kysely';
import { API_KEY_PREFIX } from './auth/authenticate.js';
import { hashPassword } from './auth/passwords.js';
import { randomToken, sha256 } from './auth/secrets.js';
import type { Database } from './db/schema.js';
import { createOrganization } from './organizations/service.js';
import { createPortal } from './portals/service.js';

/** Fixed ids of the demo data, so the printed curl commands work as they are. */
export const DEMO = {
  organizationId: 'org_demo',
  portalId: 'portal_service',
  fieldTeamId: 'team_field',
  heatingTeamId: 'team_heating',
  managerId: 'user_manager',
  agentId: 'user_agent',
  apiManagerId: 'user_api',
  deviceId: 'dev_boiler12',
  accessCode: 'DEMO-0001',
  password: 'demo-password',
  managerEmail: 'manager@demo.test',
  agentEmail: 'agent@demo.test',
} as const;

export interface SeedResult {
  created: boolean;
  /** Shown once, when the key is created; only its hash is stored. */
  apiKey?: string;
}

/**
 * Creates the demo organization on first start; does nothing when it exists.
 * @example
 * const { created } = await seedDemo(db);
 */
export async function seedDemo(
  db: Kysely<Database>,
  options: { passwordHash?: string } = {},
): Promise<SeedResult> {
  const exists = await db
    .selectFrom('organizations')
    .select('id')
    .where('id', '=', DEMO.organizationId)
    .executeTakeFirst();
  if (exists) return { created: false };
  const passwordHash = options.passwordHash ?? (await hashPassword(DEMO.password));
  const keyId = randomToken(6).replace(/[^a-zA-Z0-9]/g, 'x');
  const keySecret = randomToken(24).replace(/_/g, '-');
  await db.transaction().execute(async (trx) => {
    // Through the same code as POST /v1/organizations (MC-1): the organization and its first manager.
    await createOrganization(
      trx,
      {
        name: 'Demo Co',
        plan: 'premium',
        manager: {
          email: DEMO.managerEmail,
          password: DEMO.password,
          firstName: 'Demo',
          lastName: 'Manager',
          displayName: 'Demo Manager',
        },
      },
      {
        organizationId: DEMO.organizationId,
        managerId: DEMO.managerId,
        passwordHash,
        aiSettings: {
          summariesEnabled: true,
          outgoing: { enabled: true, scope: 'all' },
          incoming: { enabled: false, scope: 'all-devices' },
        },
      },
    );
    await trx
      .insertInto('teams')
      .values([
        { id: DEMO.fieldTeamId, organization_id: DEMO.organizationId, parent_id: null, name: 'Field' },
        {
          id: DEMO.heatingTeamId,
          organization_id: DEMO.organizationId,
          parent_id: DEMO.fieldTeamId,
          name: 'Heating',
        },
      ])
      .execute();
    // Through the same code as POST /v1/portals (MC-6): requests go to the Field team's agents.
    await createPortal(
      trx,
      DEMO.organizationId,
      { name: 'Service', slug: 'service', teamIds: [DEMO.fieldTeamId], features: { recording: 'on' } },
      { id: DEMO.portalId, now: new Date() },
    );
    await trx
      .insertInto('users')
      .values([
        {
          id: DEMO.agentId,
          organization_id: DEMO.organizationId,
          email: DEMO.agentEmail,
          password_hash: passwordHash,
          role: 'agent',
          team_id: DEMO.heatingTeamId,
          display_name: 'Demo Agent',
        },
        {
          id: DEMO.apiManagerId,
          organization_id: DEMO.organizationId,
          email: 'api@demo.test',
          password_hash: null,
          role: 'api-manager',
          team_id: null,
          display_name: 'Provisioning',
        },
      ])
      .execute();
    await trx
      .insertInto('devices')
      .values({
        id: DEMO.deviceId,
        organization_id: DEMO.organizationId,
        portal_id: DEMO.portalId,
        team_id: DEMO.heatingTeamId,
        name: 'Boiler 12',
        summary_access: 'after-confirmation',
      })
      .execute();
    await trx
      .insertInto('access_codes')
      .values({
        // A fixed id: customer tokens name their code, and tests keep tokens across re-seeding.
        id: 'acc_demo',
        code_hash: sha256(DEMO.accessCode),
        hint: DEMO.accessCode.slice(-4),
        organization_id: DEMO.organizationId,
        device_id: DEMO.deviceId,
      })
      .execute();
    await trx
      .insertInto('api_keys')
      .values({
        id: keyId,
        organization_id: DEMO.organizationId,
        user_id: DEMO.apiManagerId,
        key_hash: sha256(keySecret),
      })
      .execute();
  });
  return { created: true, apiKey: `${API_KEY_PREFIX}${keyId}_${keySecret}` };
}

/** The text printed at start: the demo accounts and example curl commands. */
export function demoBanner(baseUrl: string, seed: SeedResult): string {
  const lines = [
    `Sightline reference server on ${baseUrl}`,
    `  API reference: ${baseUrl}/docs   OpenAPI: ${baseUrl}/openapi.json`,
    '',
    'Demo organization "Demo Co" (premium), portal "Service", teams Field > Heating, device "Boiler 12".',
    `  company manager ${DEMO.managerEmail} / ${DEMO.password}`,
    `  agent           ${DEMO.agentEmail} / ${DEMO.password}`,
    `  customer access code ${DEMO.accessCode} (device ${DEMO.deviceId})`,
  ];
  if (seed.apiKey) lines.push(`  API manager key (shown once): ${seed.apiKey}`);
  lines.push(
    '',
    'Try:',
    `  CUSTOMER=$(curl -s ${baseUrl}/v1/auth/access-code -H 'content-type: application/json' -d '{"code":"${DEMO.accessCode}"}' | sed -E 's/.*"token":"([^"]+)".*/\\1/')`,
    `  curl -s ${baseUrl}/v1/sessions -H "authorization: Bearer $CUSTOMER" -H 'content-type: application/json' -d '{"reason":"Boiler shows error E42"}'`,
    `  AGENT=$(curl -s ${baseUrl}/v1/auth/login -H 'content-type: application/json' -d '{"email":"${DEMO.agentEmail}","password":"${DEMO.password}"}' | sed -E 's/.*"token":"([^"]+)".*/\\1/')`,
    `  curl -s "${baseUrl}/v1/sessions?status=requested" -H "authorization: Bearer $AGENT"`,
    `  curl -s -X POST ${baseUrl}/v1/sessions/<id>/confirm -H "authorization: Bearer $AGENT"`,
    `  curl -sN ${baseUrl}/v1/events -H "authorization: Bearer $AGENT"`,
  );
  return lines.join('\n');
}
