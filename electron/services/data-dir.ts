import os from 'node:os';
import path from 'node:path';

/**
 * The OS app-data folder RunLens uses when no directory is given: the same place
 * Electron's `app.getPath('userData')` resolves to for the app name "RunLens", so the
 * desktop app and `npm run serve` share one database. RUNLENS_DATA_DIR overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.RUNLENS_DATA_DIR) return path.resolve(env.RUNLENS_DATA_DIR);
  const home = os.homedir();
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'RunLens');
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'RunLens');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'RunLens');
}

/** The database file inside a data directory. */
export function defaultDbPath(dataDir: string): string {
  return path.join(dataDir, 'runlens.db');
}
