import { randomUUID } from 'node:crypto';
import { retentionCutoff } from '@sightline/core/domain';
import type { BlobStore } from '../blobs/store.js';
import type { Services } from '../context.js';
import { acquireLease, releaseLease } from './lease.js';
import { purgeCoreSessionData, purgeSession, type SessionPurger } from './purge.js';

/** The lease's name in `job_leases`. */
export const RETENTION_LEASE = 'retention';

export interface RetentionJobOptions {
  blobs: BlobStore;
  /** Days session data is kept after the session's last change. */
  retentionDays: number;
  /** How often the timer runs the job; 0: never (tests call `run()`). */
  intervalMs: number;
  /** Sessions per batch; the lease is renewed between batches. */
  batchSize?: number;
  /** Stop after this many batches (the next run goes on); default: until nothing is due. */
  maxBatches?: number;
  /** How long a run owns the job before another process may take over (a dead process's run). */
  leaseMs?: number;
  /** More kinds of session data to purge (recordings add theirs); the server's own always run. */
  purgers?: readonly SessionPurger[];
}

/** What one run did. */
export interface RetentionRun {
  /** `false`: another process holds the job now; nothing was done. */
  ran: boolean;
  /** Sessions whose data this run deleted. */
  sessions: number;
  /** Blobs deleted (screenshots, recordings), including ones an interrupted run left. */
  blobs: number;
  /** Batches run. */
  batches: number;
  /** `true` when the run stopped at `maxBatches` with sessions still due. */
  more: boolean;
}

/**
 * The retention job (MC-14): deletes the data of sessions last changed longer than the retention
 * period ago, in batches, keeping the rows reports count. One process at a time runs it (a lease
 * in the database); each session is purged in its own transaction and only once, so a run that is
 * stopped midway — or crashes — is simply continued by the next. Blobs are deleted after their rows,
 * from a list written in the same transaction, so none is left behind for good.
 * @example
 * const job = new RetentionJob(services, { blobs, retentionDays: 90, intervalMs: 3_600_000 });
 * job.start();
 * await job.run(); // { ran: true, sessions: 120, blobs: 37, batches: 1, more: false }
 */
export class RetentionJob {
  private readonly holder = randomUUID();
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<RetentionRun> | undefined;

  constructor(
    private readonly services: Services,
    private readonly options: RetentionJobOptions,
  ) {}

  start(): void {
    if (this.options.intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => {
      this.run().catch((error) => console.error('retention run failed', error));
    }, this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Runs the job now (joining a run of this process already under way). */
  run(): Promise<RetentionRun> {
    this.running ??= this.runOnce().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async runOnce(): Promise<RetentionRun> {
    const { db } = this.services.handle;
    const clock = this.services.clock;
    const batchSize = this.options.batchSize ?? 200;
    const leaseMs = this.options.leaseMs ?? 5 * 60_000;
    const purgers = [purgeCoreSessionData, ...(this.options.purgers ?? [])];
    const result: RetentionRun = { ran: false, sessions: 0, blobs: 0, batches: 0, more: false };
    if (!(await acquireLease(db, RETENTION_LEASE, this.holder, clock(), leaseMs))) return result;
    result.ran = true;
    try {
      // Blobs an interrupted run wrote down but did not delete.
      result.blobs += await this.deleteBlobs();
      const cutoff = retentionCutoff(clock(), this.options.retentionDays);
      for (;;) {
        if (this.options.maxBatches !== undefined && result.batches >= this.options.maxBatches) {
          result.more = await this.anyDue(cutoff);
          break;
        }
        const due = await db
          .selectFrom('sessions')
          .select('id')
          .where('purged_at', 'is', null)
          .where('updated_at', '<', cutoff)
          .orderBy('updated_at')
          .orderBy('id')
          .limit(batchSize)
          .execute();
        if (due.length === 0) break;
        for (const { id } of due) {
          if (await purgeSession(db, id, cutoff, clock(), purgers)) result.sessions++;
        }
        result.blobs += await this.deleteBlobs();
        result.batches++;
        // Lost the lease (this run outlived it and another process took over): leave the rest to it.
        if (!(await acquireLease(db, RETENTION_LEASE, this.holder, clock(), leaseMs))) break;
        if (due.length < batchSize) break;
      }
      return result;
    } finally {
      await releaseLease(db, RETENTION_LEASE, this.holder);
    }
  }

  private async anyDue(cutoff: Date): Promise<boolean> {
    const row = await this.services.handle.db
      .selectFrom('sessions')
      .select('id')
      .where('purged_at', 'is', null)
      .where('updated_at', '<', cutoff)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Deletes the blobs written down for deletion; a blob that fails stays listed for the next run. */
  private async deleteBlobs(): Promise<number> {
    const { db } = this.services.handle;
    let deleted = 0;
    for (;;) {
      const keys = await db
        .selectFrom('retention_blob_deletions')
        .select('blob_key')
        .orderBy('blob_key')
        .limit(500)
        .execute();
      const done: string[] = [];
      for (const { blob_key } of keys) {
        try {
          await this.options.blobs.delete(blob_key);
          done.push(blob_key);
        } catch (error) {
          console.error('retention: could not delete blob', blob_key, error);
        }
      }
      if (done.length > 0)
        await db.deleteFrom('retention_blob_deletions').where('blob_key', 'in', done).execute();
      deleted += done.length;
      if (keys.length < 500 || done.length < keys.length) return deleted;
    }
  }
}
