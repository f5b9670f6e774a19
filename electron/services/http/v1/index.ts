/**
 * The Assistants-compatible face under `/v1`: Bearer key, the `OpenAI-Beta: assistants=v2`
 * header on assistants/threads routes (assistants-api.md §0), the resource routes, and an
 * OpenAI-style 404 for unknown URLs.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '../../runtime/api-error';
import { bearerMatches, maskKey } from '../security';
import { registerAssistantRoutes } from './assistants';
import type { V1Context } from './context';
import { registerModelRoutes, type ModelLister } from './models';
import { registerRunRoutes } from './runs';
import { registerThreadRoutes } from './threads';
import { registerFileRoutes } from './files';
import { registerVectorStoreRoutes } from './vector-stores';

/** The `/v1` plugin's options: the route context plus the Bearer key (asked for on every request, so a regenerated key takes effect at once). */
export interface V1Options extends V1Context {
  apiKey: () => string;
  /** The model list of `GET /v1/models` (only `mock` when absent). */
  models?: ModelLister;
}

function checkAuth(req: FastifyRequest, apiKey: () => string): void {
  const header = req.headers.authorization;
  if (bearerMatches(header, apiKey())) return;
  const given = header ? /^Bearer\s+(.*)$/i.exec(header.trim())?.[1]?.trim() : undefined;
  if (!given) {
    throw new ApiError(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). RunLens prints its key location at start.",
      'invalid_request_error',
      null,
      null,
    );
  }
  throw new ApiError(401, `Incorrect API key provided: ${maskKey(given)}. Use the key RunLens was started with.`, 'invalid_request_error', null, 'invalid_api_key');
}

const BETA_PATHS = /^\/v1\/(assistants|threads|vector_stores)(\/|$|\?)/;

function checkBeta(req: FastifyRequest): void {
  if (!BETA_PATHS.test(req.url)) return;
  const beta = req.headers['openai-beta'];
  const value = Array.isArray(beta) ? beta.join(',') : (beta ?? '');
  if (/assistants=v2/.test(value)) return;
  if (/assistants=v1/.test(value)) {
    throw new ApiError(
      400,
      "The v1 Assistants API has been deprecated. Please try again by setting the header 'OpenAI-Beta: assistants=v2'.",
      'invalid_request_error',
      null,
      'invalid_beta',
    );
  }
  throw new ApiError(
    400,
    "You must provide the 'OpenAI-Beta' header to access the Assistants API. Please try again by setting the header 'OpenAI-Beta: assistants=v2'.",
    'invalid_request_error',
    null,
    'invalid_beta',
  );
}

/**
 * The server-wide 404: under `/v1` it still demands the key, then answers like the
 * platform (`Invalid URL (GET /v1/foo)`); elsewhere a plain OpenAI-shaped 404.
 */
export function notFoundHandler(apiKey: () => string) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const path = req.url.split('?')[0];
    if (path === '/v1' || path.startsWith('/v1/')) checkAuth(req, apiKey);
    return reply.code(404).send({ error: { message: `Invalid URL (${req.method} ${path})`, type: 'invalid_request_error', param: null, code: null } });
  };
}

/** Registers `/v1` as an encapsulated plugin (call with `{ prefix: '/v1' }`). */
export async function v1Plugin(app: FastifyInstance, options: V1Options): Promise<void> {
  app.addHook('onRequest', async (req) => {
    checkAuth(req, options.apiKey);
    checkBeta(req);
  });
  registerAssistantRoutes(app, options);
  registerThreadRoutes(app, options);
  registerRunRoutes(app, options);
  if (options.builtins) {
    await registerFileRoutes(app, options.builtins);
    registerVectorStoreRoutes(app, options, options.builtins);
  }
  registerModelRoutes(app, options.models ?? (async () => [{ id: 'mock', provider: 'builtin', description: '' }]));
}
