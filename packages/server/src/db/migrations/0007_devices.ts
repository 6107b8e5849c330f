import type { Migration } from '../migrations.js';
import { runScript } from '../run-script.js';

/**
 * Devices (VS-1, VS-3, SI-3, SI-4): an assigned agent, whether the organization manages the device
 * and its policy (only managed devices carry one), a soft delete (sessions keep their device), a
 * version for ETags. Access codes get their own id (the hash stays unique: the exchange looks codes
 * up by it), when they were made and by whom, an optional expiry, a revocation time and a hint (the
 * last four characters) so a list can tell codes apart without showing them.
 */
export const migration0007: Migration = {
  id: '0007_devices',
  async up(db) {
    await runScript(
      db,
      `
      alter table devices add column assignee_id text references users(id);
      alter table devices add column managed boolean not null default false;
      alter table devices add column policy jsonb;
      alter table devices add column deleted_at timestamptz;
      alter table devices add column version integer not null default 1;
      alter table devices add column updated_at timestamptz not null default now();
      alter table devices add constraint devices_policy_managed check (managed or policy is null);
      alter table devices add constraint devices_summary_access
        check (summary_access in ('allowed', 'denied', 'after-confirmation'));
      create index devices_org_name on devices (organization_id, name, id) where deleted_at is null;
      create index devices_assignee on devices (assignee_id) where assignee_id is not null;
      alter table access_codes add column id text not null default gen_random_uuid()::text;
      alter table access_codes drop constraint access_codes_pkey;
      alter table access_codes add primary key (id);
      create unique index access_codes_hash on access_codes (code_hash);
      alter table access_codes add column hint text not null default '';
      alter table access_codes add column created_at timestamptz not null default now();
      alter table access_codes add column created_by text references users(id);
      alter table access_codes add column expires_at timestamptz;
      alter table access_codes add column revoked_at timestamptz;
      create index access_codes_device on access_codes (device_id, created_at)
      `,
    );
  },
};
