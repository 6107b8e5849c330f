import { createHash } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, ScreenshotsTable } from '../db/schema.js';
import type { AnnotationOpWire, ScreenshotType, ScreenshotWire } from './schemas.js';

export type ScreenshotRow = Selectable<ScreenshotsTable>;

/**
 * The image type from the file's first bytes (PNG, JPEG, WebP), whatever the client declared;
 * `undefined` for anything else.
 */
export function sniffImageType(head: Uint8Array): ScreenshotType | undefined {
  const at = (i: number, ...bytes: number[]) => bytes.every((b, k) => head[i + k] === b);
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'image/jpeg';
  // RIFF <size> WEBP
  if (at(0, 0x52, 0x49, 0x46, 0x46) && at(8, 0x57, 0x45, 0x42, 0x50)) return 'image/webp';
  return undefined;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const SAFE = /^[A-Za-z0-9_-]{1,100}$/;
const safeSegment = (value: string) =>
  SAFE.test(value) ? value : createHash('sha256').update(value).digest('hex').slice(0, 40);

/**
 * Where a screenshot's image is stored. The content hash is part of the key, so a concurrent upload
 * of another image under the same screenshot id can never overwrite the stored one.
 */
export function screenshotBlobKey(
  organizationId: string,
  sessionId: string,
  shotId: string,
  sha256: string,
): string {
  return `screenshots/${safeSegment(organizationId)}/${safeSegment(sessionId)}/${shotId}.${sha256}`;
}

/** Render order of ops, the same as the AR tools' `compareOps`: lamport, then author, then id. */
function compareOps(a: AnnotationOpWire, b: AnnotationOpWire): number {
  if (a.lamport !== b.lamport) return a.lamport - b.lamport;
  if (a.author !== b.author) return a.author < b.author ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function screenshotToWire(row: ScreenshotRow, ops: readonly AnnotationOpWire[]): ScreenshotWire {
  return {
    id: row.id,
    sessionId: row.session_id,
    capturedAt: Number(row.captured_at),
    capturedBy: row.captured_by,
    width: row.width,
    height: row.height,
    contentType: row.content_type as ScreenshotType,
    bytes: row.bytes,
    createdAt: new Date(row.created_at).toISOString(),
    annotations: [...ops].sort(compareOps),
  };
}

/** Screenshots of a session (one, or all by capture time) with their ops. */
export async function readScreenshots(
  db: Kysely<Database>,
  sessionId: string,
  shotId?: string,
): Promise<ScreenshotWire[]> {
  let rows = db.selectFrom('screenshots').selectAll().where('session_id', '=', sessionId);
  if (shotId !== undefined) rows = rows.where('id', '=', shotId);
  const shots = await rows.orderBy('captured_at').orderBy('id').execute();
  if (shots.length === 0) return [];
  let opsQuery = db
    .selectFrom('screenshot_ops')
    .select(['screenshot_id', 'op'])
    .where('session_id', '=', sessionId);
  if (shotId !== undefined) opsQuery = opsQuery.where('screenshot_id', '=', shotId);
  const byShot = new Map<string, AnnotationOpWire[]>();
  for (const { screenshot_id, op } of await opsQuery.execute()) {
    const list = byShot.get(screenshot_id) ?? [];
    list.push(op as unknown as AnnotationOpWire);
    byShot.set(screenshot_id, list);
  }
  return shots.map((row) => screenshotToWire(row, byShot.get(row.id) ?? []));
}

/** Adds the ops not yet stored (by op id) and returns the ids of those it added. */
export async function addOps(
  trx: Kysely<Database>,
  sessionId: string,
  shotId: string,
  ops: readonly AnnotationOpWire[],
): Promise<string[]> {
  const unique = [...new Map(ops.map((op) => [op.id, op])).values()];
  if (unique.length === 0) return [];
  const added = await trx
    .insertInto('screenshot_ops')
    .values(
      unique.map((op) => ({
        session_id: sessionId,
        screenshot_id: shotId,
        op_id: op.id,
        lamport: op.lamport,
        author: op.author,
        op: JSON.stringify(op),
      })),
    )
    .onConflict((oc) => oc.columns(['session_id', 'screenshot_id', 'op_id']).doNothing())
    .returning('op_id')
    .execute();
  return added.map((r) => r.op_id);
}
