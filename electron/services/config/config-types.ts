/**
 * The workspace config types (defined in the contract, so the UI shares them) plus what only
 * the services need: where references are resolved from.
 */
export * from '../../contract/workspace-config';

/** Where `${env:…}` and `${secret:…}` are looked up. */
export interface ReferenceSources {
  env?: NodeJS.ProcessEnv | Record<string, string | undefined>;
  /** Reads a named secret from the app's store (null when absent). */
  secrets?: { get(name: string): Promise<string | null> } | null;
}

