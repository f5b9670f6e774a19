/**
 * The headless secret store: `<dataDir>/secrets.json`, readable only by the user (0600), with
 * the environment (OPENAI_API_KEY, …) as a fallback.
 */
import path from 'node:path';
import { JsonSecretStore, PLAIN_CODEC } from './json-secret-store';

/** Where the headless store keeps keys. */
export function secretsFilePath(dataDir: string): string {
  return path.join(dataDir, 'secrets.json');
}

export class FileSecretStore extends JsonSecretStore {
  constructor(dataDir: string, env: NodeJS.ProcessEnv = process.env) {
    super(secretsFilePath(dataDir), PLAIN_CODEC, env);
  }
}
