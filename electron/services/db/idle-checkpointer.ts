import type { Db } from './database';

/**
 * Moves WAL checkpoints off the hot path: SQLite's automatic checkpoint (copying the WAL
 * back into the database file, with an fsync) would otherwise land in the middle of a
 * streaming run. This one checkpoints once writes have been quiet for `quietMs`; the
 * automatic one stays on as a ceiling (see openDatabase) for long busy stretches.
 */
export class IdleCheckpointer {
  private lastWrite = 0;
  private dirty = false;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly db: Db,
    private readonly quietMs = 1000,
    private readonly now: () => number = Date.now,
  ) {
    this.timer = setInterval(() => this.tick(), quietMs);
    this.timer.unref();
  }

  /** Called after each commit. */
  noteWrite(): void {
    this.lastWrite = this.now();
    this.dirty = true;
  }

  /** Checkpoints if something was written and nothing has been for `quietMs`. Returns whether it did. */
  tick(): boolean {
    if (!this.dirty || this.now() - this.lastWrite < this.quietMs || !this.db.open) return false;
    // A session import holds a transaction open across turns of the event loop: not now.
    if (this.db.inTransaction) return false;
    this.db.pragma('wal_checkpoint(PASSIVE)');
    this.dirty = false;
    return true;
  }

  /** Stops the timer and folds the whole WAL back into the database file. */
  close(): void {
    clearInterval(this.timer);
    if (this.db.open) this.db.pragma('wal_checkpoint(TRUNCATE)');
  }
}
