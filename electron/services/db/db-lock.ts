/**
 * One writer per database. The writer holds an OS-level lock for its whole life: an
 * exclusive SQLite transaction on a small companion file (`<db>-lock`), which the kernel
 * releases when the process ends — SIGKILL included, so a crash never leaves a stale lock.
 * Beside it, `<db>-lock.json` names the holder (pid, app or serve, its URL) so a second
 * process can say who has the database. The database itself is not locked: read-only tools
 * keep working alongside the writer.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';

/** Who holds a database, as written in `<db>-lock.json`. */
export interface LockHolder {
  pid: number;
  /** `app` (the desktop window), `serve` (the headless server), or another tool's name. */
  kind: string;
  /** Where its UI and `/v1` answer, once its server listens. */
  url: string | null;
  /** When it took the lock (ms since the epoch). */
  since: number;
  db: string;
}

/** The lock's companion files for a database file. */
export function lockFiles(dbPath: string): { lock: string; holder: string } {
  const full = path.resolve(dbPath);
  return { lock: `${full}-lock`, holder: `${full}-lock.json` };
}

function describeKind(kind: string): string {
  if (kind === 'app') return 'the RunLens app';
  if (kind === 'serve') return 'RunLens serve';
  return `RunLens ${kind}`;
}

/** A second writer was refused; `holder` names the first one when it could be read. */
export class DatabaseLockedError extends Error {
  constructor(
    readonly dbPath: string,
    readonly holder: LockHolder | null,
  ) {
    const who = holder
      ? `${describeKind(holder.kind)} (pid ${holder.pid}${holder.url ? `, at ${holder.url}` : ''})`
      : 'another RunLens process';
    super(
      `The database ${dbPath} is already in use by ${who}. One RunLens process writes a database at a time: ` +
        `${holder?.url ? `open ${holder.url} instead, ` : ''}stop that process, or choose another database with --db or --data-dir.`,
    );
    this.name = 'DatabaseLockedError';
  }
}

/** Reads the holder file of a database; null when there is none or it is unreadable. */
export function readLockHolder(dbPath: string): LockHolder | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockFiles(dbPath).holder, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number' || typeof parsed.kind !== 'string') return null;
    return { pid: parsed.pid, kind: parsed.kind, url: typeof parsed.url === 'string' ? parsed.url : null, since: Number(parsed.since) || 0, db: String(parsed.db ?? dbPath) };
  } catch {
    return null;
  }
}

/**
 * The holder of a database when one is running right now (the lock is taken), else null.
 * Takes and drops the lock itself to find out, so it never blocks the holder.
 */
export function runningHolder(dbPath: string): LockHolder | null {
  if (!fs.existsSync(lockFiles(dbPath).lock)) return null;
  try {
    DbLock.acquire(dbPath, 'probe', { writeHolder: false }).release();
    return null;
  } catch (error) {
    if (error instanceof DatabaseLockedError) return error.holder ?? { pid: 0, kind: 'unknown', url: null, since: 0, db: dbPath };
    throw error;
  }
}

/** The lock a writer holds on its database for as long as it runs. */
export class DbLock {
  private released = false;

  private constructor(
    private readonly conn: Database.Database,
    private readonly files: { lock: string; holder: string },
    private holder: LockHolder | null,
  ) {}

  /**
   * Takes the lock or throws DatabaseLockedError naming the holder. Never waits: a second
   * process learns at once that the database is taken.
   */
  static acquire(dbPath: string, kind: string, options: { writeHolder?: boolean } = {}): DbLock {
    const files = lockFiles(dbPath);
    fs.mkdirSync(path.dirname(files.lock), { recursive: true });
    const conn = new Database(files.lock, { timeout: 0 });
    try {
      conn.pragma('locking_mode = EXCLUSIVE');
      conn.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      conn.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY' || (error as { code?: string }).code === 'SQLITE_LOCKED') {
        throw new DatabaseLockedError(path.resolve(dbPath), readLockHolder(dbPath));
      }
      throw error;
    }
    let holder: LockHolder | null = null;
    if (options.writeHolder !== false) {
      holder = { pid: process.pid, kind, url: null, since: Date.now(), db: path.resolve(dbPath) };
      fs.writeFileSync(files.holder, JSON.stringify(holder, null, 2) + '\n', { mode: 0o600 });
    }
    return new DbLock(conn, files, holder);
  }

  /** Records where this process's server answers (null when it stops), for the next one's refusal. */
  setUrl(url: string | null): void {
    if (this.released || !this.holder) return;
    this.holder = { ...this.holder, url };
    fs.writeFileSync(this.files.holder, JSON.stringify(this.holder, null, 2) + '\n', { mode: 0o600 });
  }

  /** Drops the lock (at close; the kernel does it anyway when the process dies). */
  release(): void {
    if (this.released) return;
    this.released = true;
    if (this.holder) {
      try {
        const current = JSON.parse(fs.readFileSync(this.files.holder, 'utf8')) as { pid?: number };
        if (current.pid === process.pid) fs.rmSync(this.files.holder, { force: true });
      } catch {
        // Already gone.
      }
    }
    try {
      this.conn.exec('ROLLBACK');
    } catch {
      // Nothing open.
    }
    this.conn.close();
  }
}
