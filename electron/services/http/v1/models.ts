/**
 * `GET /v1/models` and `GET /v1/models/{id}` as the platform shapes them: the built-in models
 * and every provider's models as `<provider>/<model>`. Model names contain a slash, so the
 * single-model route takes the rest of the path.
 */
import type { FastifyInstance } from 'fastify';
import type { ModelInfo } from '../../../contract/api';
import { ApiError } from '../../runtime/api-error';

/** Where `/v1/models` reads the list from (the services' model catalog). */
export type ModelLister = () => Promise<ModelInfo[]>;

function toWire(m: ModelInfo) {
  return { id: m.id, object: 'model', created: 0, owned_by: m.provider === 'builtin' ? 'runlens' : m.provider };
}

export function registerModelRoutes(app: FastifyInstance, list: ModelLister): void {
  app.get('/models', async () => ({ object: 'list', data: (await list()).filter((m) => !m.unavailable).map(toWire) }));
  app.get('/models/*', async (req) => {
    const id = decodeURIComponent((req.params as { '*': string })['*']);
    const found = (await list()).find((m) => m.id === id && !m.unavailable);
    if (!found) throw new ApiError(404, `The model '${id}' does not exist or you do not have access to it.`, 'invalid_request_error', null, 'model_not_found');
    return toWire(found);
  });
}
