/**
 * PLACEHOLDER owned by the shell/bridge work (issue 4): registers the browser UI (static
 * files), the one-time-token login and the RunLensApi over HTTP + SSE on the shared app.
 */
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services-types';

export interface BridgeOptions {
  services: Services;
  /** One-time login token for the UI link printed at start. */
  loginToken: string;
}

export function registerBridge(_app: FastifyInstance, _options: BridgeOptions): void {
  // Filled in by the bridge work.
}
