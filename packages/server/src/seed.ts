import { insertApiKey } from './api-keys/service.js';
import { API_KEY_PREFIX } from './auth/authenticate.js';
import { hashPassword } from './auth/passwords.js';
import { randomToken } from './auth/secrets.js';
import type { Principal } from './context.js';
import type { DatabaseHandle } from './db/connect.js';
import { addAccessCode } from './devices/access-codes.js';
import { createDevice } from './devices/service.js';
import { createOrganization } from './organizations/service.js';
import { createPortal } from './portals/service.js';
import { insertTeam } from './teams/service.js';
import { insertUser } from './users/service.js';

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
 * const { created } = await seedDemo(handle);
 */
export async function seedDemo(
  handle: DatabaseHandle,
  options: { passwordHash?: string } = {},
): Promise<SeedResult> {
  const { db } = handle;
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
        // A year's licence from today: purchased AI credits are valid until it renews (SI-11).
        licenceRenewsAt: `${new Date().getUTCFullYear() + 1}${new Date().toISOString().slice(4, 10)}`.replace(
          /-02-29$/,
          '-02-28',
        ),
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
    // Teams, people, the device, its code and the API key through the same code as the API.
    const now = new Date();
    const org = DEMO.organizationId;
    await insertTeam(trx, handle, {
      organizationId: org,
      id: DEMO.fieldTeamId,
      parentId: null,
      name: 'Field',
      now,
    });
    await insertTeam(trx, handle, {
      organizationId: org,
      id: DEMO.heatingTeamId,
      parentId: DEMO.fieldTeamId,
      name: 'Heating',
      now,
    });
    // Through the same code as POST /v1/portals (MC-6): requests go to the Field team's agents.
    await createPortal(
      trx,
      org,
      { name: 'Service', slug: 'service', teamIds: [DEMO.fieldTeamId], features: { recording: 'on' } },
      { id: DEMO.portalId, now },
    );
    await insertUser(trx, {
      id: DEMO.agentId,
      organizationId: org,
      email: DEMO.agentEmail,
      passwordHash,
      role: 'agent',
      teamId: DEMO.heatingTeamId,
      firstName: 'Demo',
      lastName: 'Agent',
      displayName: 'Demo Agent',
      language: 'en',
      timeZone: 'UTC',
    });
    await insertUser(trx, {
      id: DEMO.apiManagerId,
      organizationId: org,
      email: 'api@demo.test',
      passwordHash: null,
      role: 'api-manager',
      displayName: 'Provisioning',
      language: 'en',
      timeZone: 'UTC',
    });
    const manager: Principal = {
      actor: {
        kind: 'staff',
        organizationId: org,
        userId: DEMO.managerId,
        role: 'company-manager',
        teamId: null,
        managedTeamIds: [],
      },
      subject: `user:${DEMO.managerId}`,
      participantId: '',
    };
    await createDevice(
      trx,
      manager,
      { name: 'Boiler 12', portalId: DEMO.portalId, teamId: DEMO.heatingTeamId },
      now,
      { id: DEMO.deviceId },
    );
    await addAccessCode(trx, {
      // A fixed id: customer tokens name their code, and tests keep tokens across re-seeding.
      id: 'acc_demo',
      organizationId: org,
      deviceId: DEMO.deviceId,
      createdBy: DEMO.managerId,
      code: DEMO.accessCode,
      expiresAt: null,
      rotate: false,
      now,
    });
    await insertApiKey(trx, {
      id: keyId,
      secret: keySecret,
      organizationId: org,
      createdBy: DEMO.managerId,
      name: 'Demo provisioning',
      userId: DEMO.apiManagerId,
    });
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
