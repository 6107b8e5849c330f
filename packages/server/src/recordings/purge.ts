import type { SessionPurger } from '../retention/purge.js';
import type { RecordingStorage } from './storage.js';

/**
 * The recordings' share of a session's purge at the end of retention (MC-14): their keys go, and
 * their sealed files with what the upload left beside them are written down for deletion after
 * the purge commits; the row stays as a bare tombstone. Replay keys stay: they belong to the portal, not to a session.
 */
export const purgeRecordings =
  (storage: RecordingStorage): SessionPurger =>
  async (trx, session) => {
    // A tombstone stays (id and session only), so a link to the recording answers "kept for N days".
    const rows = await trx
      .updateTable('recordings')
      .set({
        status: 'purged',
        sha256: null,
        wrapped_data_key: null,
        data_key: null,
        blob_key: null,
      })
      .where('session_id', '=', session.id)
      .where('organization_id', '=', session.organizationId)
      .where('status', '!=', 'purged')
      .returning(['id', 'storage'])
      .execute();
    return {
      blobKeys: rows
        .filter((r) => r.storage === 'server')
        .flatMap((r) => [storage.blobKeyOf(r.id), ...storage.sideKeysOf(r.id)]),
    };
  };
