/**
 * Where the app keeps the workspace config it imported or edited: the `settings` table, as the
 * raw file (references only — secret values live in the secret store, never in SQLite).
 */
import type { Db } from '../db/database';
import type { WorkspaceConfig } from './config-types';
import { validateWorkspaceConfig } from './validate-config';

const KEY = 'workspace_config';

export class WorkspaceConfigStore {
  constructor(private readonly db: Db) {}

  /** The stored config, or null when the app has none (a stored one that no longer validates is ignored). */
  load(): WorkspaceConfig | null {
    const row = this.db.prepare('SELECT value FROM settings WHERE key = ?').get(KEY) as { value: string } | undefined;
    if (!row) return null;
    try {
      return validateWorkspaceConfig(JSON.parse(row.value));
    } catch (error) {
      console.error(`RunLens: the stored workspace config is ignored: ${(error as Error).message}`);
      return null;
    }
  }

  save(raw: WorkspaceConfig): void {
    this.db
      .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(KEY, JSON.stringify(raw));
  }
}
