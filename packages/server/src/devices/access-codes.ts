import { randomInt } from 'node:crypto';
import { INVITATION_ENDS, type SessionStatus } from '@sightline/core/domain';
import type { Kysely, Selectable } from 'kysely';
import QRCode from 'qrcode';
import { sha256 } from '../auth/secrets.js';
import type { AccessCodesTable, Database } from '../db/schema.js';
import { ProblemError } from '../problems/problem.js';
import type { AccessCodeWire } from './schemas.js';

export type AccessCodeRow = Selectable<AccessCodesTable>;

/** Letters and digits that cannot be mistaken for one another on a label (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Groups of four characters in a generated code. */
const GROUPS = 4;

/**
 * A random code of four groups of four (`7KQ4-XM2P-RT9A-C3VW`): 31¹⁶ ≈ 2⁷⁹ possibilities, typed from
 * a label without confusion. The sign-in limits (see throttling/) hold a client network to about 30
 * tries an hour: a million networks guessing for a year against a million live codes find one with
 * a chance below one in a million.
 * @example
 * generateAccessCode(); // 'H3KD-9QWX-MT2R-7PZA'
 */
export function generateAccessCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < 4; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** The form codes are compared and hashed in: trimmed, upper case (codes are case-insensitive). */
export function normalizeAccessCode(code: string): string {
  return code.trim().toUpperCase();
}

/** The stored hash of a code. */
export function accessCodeHash(code: string): string {
  return sha256(normalizeAccessCode(code));
}

/** Where a code's QR code leads: the request page with the code filled in (`?code=`). */
export function requestPageUrl(publicUrl: string, code: string): string {
  const url = new URL('/examples/widget/', publicUrl);
  url.searchParams.set('code', code);
  return url.toString();
}

/** An SVG QR code of `text`, labelled for assistive technology. */
export async function qrSvg(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return svg.replace(
    '<svg ',
    '<svg role="img" aria-label="QR code of the request page with the access code" ',
  );
}

/** Status of a code at `now`. */
export function accessCodeStatus(
  row: Pick<AccessCodeRow, 'expires_at' | 'revoked_at'>,
  now: Date,
): AccessCodeWire['status'] {
  if (row.revoked_at) return 'revoked';
  if (row.expires_at && new Date(row.expires_at).getTime() <= now.getTime()) return 'expired';
  return 'active';
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** The wire form of a code (never the code itself). */
export function accessCodeToWire(row: AccessCodeRow, now: Date): AccessCodeWire {
  return {
    id: row.id,
    deviceId: row.device_id,
    hint: row.hint,
    status: accessCodeStatus(row, now),
    createdAt: iso(row.created_at),
    expiresAt: row.expires_at ? iso(row.expires_at) : null,
    revokedAt: row.revoked_at ? iso(row.revoked_at) : null,
  };
}

/**
 * Adds a code to a device (inside the caller's transaction), revoking the device's other codes first
 * when rotating (never its session invitations). A custom code already in use anywhere is a 409 (codes are looked up by hash alone).
 */
export async function addAccessCode(
  trx: Kysely<Database>,
  options: {
    organizationId: string;
    deviceId: string;
    /** An invitation to one session (VS-5) instead of a device's code. */
    sessionId?: string;
    createdBy: string | null;
    code: string | undefined;
    expiresAt: Date | null;
    rotate: boolean;
    now: Date;
    /** A fixed id (the demo seed's, so customer tokens survive re-seeding in tests); default random. */
    id?: string;
  },
): Promise<{ row: AccessCodeRow; code: string }> {
  const { organizationId, deviceId, now } = options;
  if (options.rotate) {
    await trx
      .updateTable('access_codes')
      .set({ revoked_at: now })
      .where('device_id', '=', deviceId)
      .where('organization_id', '=', organizationId)
      .where('session_id', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
  }
  // A random code colliding is practically impossible; a custom one may be taken.
  for (let attempt = 0; ; attempt++) {
    const code = options.code !== undefined ? normalizeAccessCode(options.code) : generateAccessCode();
    const row = await trx
      .insertInto('access_codes')
      .values({
        ...(options.id !== undefined ? { id: options.id } : {}),
        code_hash: accessCodeHash(code),
        organization_id: organizationId,
        device_id: deviceId,
        hint: code.slice(-4),
        created_at: now,
        created_by: options.createdBy,
        expires_at: options.expiresAt,
        revoked_at: null,
        session_id: options.sessionId ?? null,
      })
      .onConflict((oc) => oc.column('code_hash').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row) return { row, code };
    if (options.code !== undefined || attempt >= 3) {
      throw ProblemError.conflict('access-code-taken', 'This code is already in use; choose another.');
    }
  }
}

/** A stored code as redemption sees it: found by the hash of what was typed. */
export interface FoundAccessCode {
  id: string;
  organizationId: string;
  deviceId: string;
  expiresAt: Date | string | null;
  revokedAt: Date | string | null;
  deviceDeletedAt: Date | string | null;
  /** An invitation's session status (VS-5); `null` for a device's code. */
  sessionStatus: string | null;
}

/** The stored code matching what a customer typed, if any (one indexed lookup by hash). */
export async function findAccessCode(
  db: Kysely<Database>,
  code: string,
): Promise<FoundAccessCode | undefined> {
  const row = await db
    .selectFrom('access_codes')
    .innerJoin('devices', 'devices.id', 'access_codes.device_id')
    .leftJoin('sessions', 'sessions.id', 'access_codes.session_id')
    .select([
      'sessions.status',
      'access_codes.id',
      'access_codes.organization_id',
      'access_codes.device_id',
      'access_codes.expires_at',
      'access_codes.revoked_at',
      'devices.deleted_at',
    ])
    .where('access_codes.code_hash', '=', accessCodeHash(code))
    .whereRef('devices.organization_id', '=', 'access_codes.organization_id')
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    organizationId: row.organization_id,
    deviceId: row.device_id,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    deviceDeletedAt: row.deleted_at,
    sessionStatus: row.status,
  };
}

/**
 * The code a customer typed, checked (`POST /v1/auth/access-code`): unknown → 401; revoked, expired,
 * of a deleted device or an invitation to a closed or cancelled session → 401 with a problem that says so, so the customer knows to ask for a new
 * one.
 */
export function redeemFoundAccessCode(
  found: FoundAccessCode | undefined,
  now: Date,
): { id: string; organizationId: string; deviceId: string } {
  if (!found) throw ProblemError.unauthorized('This access code is not valid.');
  if (
    found.revokedAt ||
    found.deviceDeletedAt ||
    (found.sessionStatus !== null && INVITATION_ENDS.includes(found.sessionStatus as SessionStatus))
  ) {
    throw new ProblemError(
      401,
      'access-code-revoked',
      'This access code has been withdrawn; ask your support team for a new one.',
    );
  }
  if (found.expiresAt && new Date(found.expiresAt).getTime() <= now.getTime()) {
    throw new ProblemError(
      401,
      'access-code-expired',
      'This access code has expired; ask your support team for a new one.',
    );
  }
  return { id: found.id, organizationId: found.organizationId, deviceId: found.deviceId };
}
