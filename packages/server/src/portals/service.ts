import { randomUUID } from 'node:crypto';
import { BusinessHours, defaultPortalFeatures, minutesOf, type PortalFeatures } from '@sightline/core/domain';
import type { Kysely } from 'kysely';
import * as zm from 'zod/mini';
import type { Database } from '../db/schema.js';
import { checkIfMatch } from '../http/etag.js';
import { ProblemError } from '../problems/problem.js';
import { canonicalTimeZone } from './business-hours.js';
import type { CreatePortalInput, PatchPortalInput } from './schemas.js';
import { type PortalBundle, readPortals } from './store.js';

type FieldError = { path: string; message: string };

/** Lowercase kebab case of a name (`Heating Service` → `heating-service`), at most 63 characters. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 63)
    .replace(/^-+|-+$/g, '');
  return slug || 'portal';
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === '23505';
}

const slugTaken = (slug: string) =>
  ProblemError.conflict('slug-taken', `The portal URL slug “${slug}” is taken; choose another.`);

async function slugInUse(trx: Kysely<Database>, slug: string, exceptId?: string): Promise<boolean> {
  let q = trx.selectFrom('portals').select('id').where('slug', '=', slug);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return !!(await q.executeTakeFirst());
}

/** The checks every write shares; every offending field is reported at once (400). */
async function validate(
  trx: Kysely<Database>,
  organizationId: string,
  input: PatchPortalInput,
  existingSubPortalIds: ReadonlySet<string>,
): Promise<{ timeZone?: string; teamIds?: string[]; holidays?: string[] }> {
  const errors: FieldError[] = [];
  const out: { timeZone?: string; teamIds?: string[]; holidays?: string[] } = {};
  if (input.timeZone !== undefined) {
    const zone = canonicalTimeZone(input.timeZone);
    if (zone) out.timeZone = zone;
    else errors.push({ path: 'body.timeZone', message: 'Not an IANA time zone' });
  }
  if (input.businessHours) {
    // The domain's rule (BusinessHours), reported per day and interval.
    for (const [day, intervals] of Object.entries(input.businessHours)) {
      const sorted = [...(intervals ?? [])].sort((a, b) => minutesOf(a.start) - minutesOf(b.start));
      (intervals ?? []).forEach((i, n) => {
        if (minutesOf(i.start) >= minutesOf(i.end))
          errors.push({ path: `body.businessHours.${day}.${n}.end`, message: 'Must be after start' });
      });
      if (sorted.some((i, n) => n > 0 && minutesOf(sorted[n - 1]!.end) > minutesOf(i.start)))
        errors.push({ path: `body.businessHours.${day}`, message: 'Intervals of one day must not overlap' });
    }
    if (errors.length === 0 && !zm.safeParse(BusinessHours, input.businessHours).success)
      errors.push({ path: 'body.businessHours', message: 'Not valid business hours' });
  }
  if (input.subPortals) {
    const seen = new Set<string>();
    input.subPortals.forEach((s, i) => {
      if (seen.has(s.slug))
        errors.push({ path: `body.subPortals.${i}.slug`, message: 'Used twice in this portal' });
      seen.add(s.slug);
      if (s.id !== undefined && !existingSubPortalIds.has(s.id)) {
        errors.push({ path: `body.subPortals.${i}.id`, message: 'Not a sub-portal of this portal' });
      }
    });
  }
  if (input.teamIds) {
    const ids = [...new Set(input.teamIds)];
    const found = ids.length
      ? new Set(
          (
            await trx
              .selectFrom('teams')
              .select('id')
              .where('organization_id', '=', organizationId)
              .where('id', 'in', ids)
              .execute()
          ).map((t) => t.id),
        )
      : new Set<string>();
    input.teamIds.forEach((id, i) => {
      if (!found.has(id)) errors.push({ path: `body.teamIds.${i}`, message: 'Unknown team' });
    });
    out.teamIds = ids;
  }
  if (input.holidays) out.holidays = [...new Set(input.holidays)].sort();
  if (errors.length > 0) throw new ProblemError(400, 'validation', 'The request is not valid.', { errors });
  return out;
}

async function writeChildren(
  trx: Kysely<Database>,
  organizationId: string,
  portalId: string,
  subPortals: readonly { id?: string | undefined; name: string; slug: string }[] | undefined,
  teamIds: readonly string[] | undefined,
): Promise<void> {
  if (subPortals) {
    // Replaced as a whole (kept ids stay), so slugs may be swapped between sub-portals.
    await trx.deleteFrom('sub_portals').where('portal_id', '=', portalId).execute();
    await trx
      .insertInto('sub_portals')
      .values(
        subPortals.map((s, position) => ({
          id: s.id ?? randomUUID(),
          organization_id: organizationId,
          portal_id: portalId,
          name: s.name,
          slug: s.slug,
          position,
        })),
      )
      .execute();
  }
  if (teamIds) {
    await trx.deleteFrom('portal_teams').where('portal_id', '=', portalId).execute();
    if (teamIds.length > 0) {
      await trx
        .insertInto('portal_teams')
        .values(
          teamIds.map((team_id, position) => ({
            portal_id: portalId,
            team_id,
            organization_id: organizationId,
            position,
          })),
        )
        .execute();
    }
  }
}

/**
 * Creates a portal with its sub-portals (a default “Main” one when none are given) and teams, inside
 * the caller's transaction (MC-6). The slug defaults to the name's; a taken explicit slug is a 409, a
 * taken derived one gets a number. The demo seed uses this too.
 * @example
 * await db.transaction().execute((trx) => createPortal(trx, orgId, { name: 'Service' }, { now: new Date() }));
 */
export async function createPortal(
  trx: Kysely<Database>,
  organizationId: string,
  input: CreatePortalInput,
  options: { id?: string; now: Date },
): Promise<PortalBundle> {
  const checked = await validate(trx, organizationId, input, new Set());
  let slug = input.slug;
  if (slug === undefined) {
    const base = slugify(input.name);
    slug = base;
    for (let n = 2; await slugInUse(trx, slug); n++) slug = `${base.slice(0, 56)}-${n}`;
  } else if (await slugInUse(trx, slug)) {
    throw slugTaken(slug);
  }
  const id = options.id ?? randomUUID();
  const features: PortalFeatures = { ...defaultPortalFeatures, ...stripUndefined(input.features ?? {}) };
  try {
    await trx
      .insertInto('portals')
      .values({
        id,
        organization_id: organizationId,
        name: input.name,
        slug,
        features: JSON.stringify(features),
        local_recordings_only: input.localRecordingsOnly ?? false,
        report_email: input.reportEmail ?? null,
        time_zone: checked.timeZone ?? 'UTC',
        business_hours: input.businessHours ? JSON.stringify(input.businessHours) : null,
        holidays: JSON.stringify(checked.holidays ?? []),
        outside_hours: input.outsideHours ?? 'refuse',
        created_at: options.now,
      })
      .execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw slugTaken(slug);
    throw error;
  }
  await writeChildren(
    trx,
    organizationId,
    id,
    input.subPortals ?? [{ name: 'Main', slug: 'main' }],
    checked.teamIds ?? [],
  );
  return (await readPortals(trx, organizationId, id))[0]!;
}

/**
 * Changes a portal (MC-6): the fields given, features key by key, sub-portals and teams as whole
 * lists; `If-Match` against its version. 404 outside the organization, 412 when stale, 409 when the
 * slug is taken.
 */
export async function updatePortal(
  trx: Kysely<Database>,
  organizationId: string,
  id: string,
  patch: PatchPortalInput,
  ifMatch: string | undefined,
): Promise<PortalBundle> {
  const current = await trx
    .selectFrom('portals')
    .selectAll()
    .where('id', '=', id)
    .where('organization_id', '=', organizationId)
    .forUpdate()
    .executeTakeFirst();
  if (!current) throw ProblemError.notFound('No portal with this id.');
  checkIfMatch(ifMatch, current.version, 'The portal changed since you read it; reload and retry.');
  const existing = await trx.selectFrom('sub_portals').select('id').where('portal_id', '=', id).execute();
  const checked = await validate(trx, organizationId, patch, new Set(existing.map((s) => s.id)));
  if (patch.slug !== undefined && (await slugInUse(trx, patch.slug, id))) throw slugTaken(patch.slug);
  const features = patch.features
    ? JSON.stringify({ ...current.features, ...stripUndefined(patch.features) })
    : undefined;
  try {
    await trx
      .updateTable('portals')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.slug !== undefined ? { slug: patch.slug } : {}),
        ...(features !== undefined ? { features } : {}),
        ...(patch.localRecordingsOnly !== undefined
          ? { local_recordings_only: patch.localRecordingsOnly }
          : {}),
        ...(patch.reportEmail !== undefined ? { report_email: patch.reportEmail } : {}),
        ...(checked.timeZone !== undefined ? { time_zone: checked.timeZone } : {}),
        ...(patch.businessHours !== undefined
          ? { business_hours: patch.businessHours === null ? null : JSON.stringify(patch.businessHours) }
          : {}),
        ...(checked.holidays !== undefined ? { holidays: JSON.stringify(checked.holidays) } : {}),
        ...(patch.outsideHours !== undefined ? { outside_hours: patch.outsideHours } : {}),
        version: current.version + 1,
      })
      .where('id', '=', id)
      .execute();
  } catch (error) {
    if (isUniqueViolation(error) && patch.slug !== undefined) throw slugTaken(patch.slug);
    throw error;
  }
  await writeChildren(trx, organizationId, id, patch.subPortals, checked.teamIds);
  return (await readPortals(trx, organizationId, id))[0]!;
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as never;
}
