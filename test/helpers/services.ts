/**
 * Test helpers: services on a real SQLite file in a fresh temp directory, and waiting for a
 * run to reach a status by following its events (no fixed sleeps).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Run, RunStatus } from '../../electron/contract/objects';
import type { RunEventRecord } from '../../electron/contract/events';
import { openServices, type OpenedServices } from '../../electron/services/services';
import type { ServicesOptions } from '../../electron/services/services-types';

export interface TestServices extends OpenedServices {
  dir: string;
  dbPath: string;
  /** Closes and deletes the temp directory. */
  dispose(): Promise<void>;
}

export function tempDir(prefix = 'runlens-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function openTestServices(options: Partial<ServicesOptions> = {}, dir = tempDir()): TestServices {
  const dbPath = options.dbPath ?? path.join(dir, 'runlens.db');
  const services = openServices({ dataDir: dir, ...options, dbPath });
  return Object.assign(services, {
    dir,
    dbPath,
    async dispose() {
      await services.close();
      rmSync(dir, { recursive: true, force: true });
    },
  });
}

/**
 * Resolves with the run as it was when it reached one of `statuses`, read from its events
 * (recorded ones first, then live), so a status that is passed quickly — requires_action
 * followed at once by expiry on a loaded machine — is still seen.
 */
export function waitForStatus(s: OpenedServices, run: Pick<Run, 'id' | 'thread_id'>, statuses: RunStatus[], timeoutMs = 10_000): Promise<Run> {
  const wanted = new Set<string>(statuses.map((status) => `thread.run.${status}`));
  return new Promise((resolve, reject) => {
    let done = false;
    let off: (() => void) | null = null;
    const timer = setTimeout(() => {
      done = true;
      off?.();
      reject(new Error(`run ${run.id} did not reach ${statuses.join('|')}; it is ${s.runtime.getRunById(run.id).status}`));
    }, timeoutMs);
    off = s.runtime.subscribe(
      { run_id: run.id },
      (event) => {
        if (done || !wanted.has(event.type)) return;
        done = true;
        clearTimeout(timer);
        off?.();
        resolve(event.data as Run);
      },
      { afterSeq: 0 },
    );
    if (done) off();
  });
}

export function eventTypes(events: RunEventRecord[], keepRunLens = false): string[] {
  return events.map((e) => e.type).filter((t) => keepRunLens || t.startsWith('thread.'));
}

export const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, days: { type: 'integer' }, unit: { type: 'string', enum: ['c', 'f'] } },
      required: ['city', 'unit'],
    },
  },
};

export const timeTool = {
  type: 'function' as const,
  function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string', default: 'UTC' } }, required: ['zone'] } },
};
