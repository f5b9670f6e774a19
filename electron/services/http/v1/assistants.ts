/** `/v1/assistants` CRUD and cursor list (assistants-api.md §2). */
import type { FastifyInstance } from 'fastify';
import type { AssistantCreateParams, AssistantUpdateParams } from '../../runtime/runtime-types';
import type { IdParams, V1Context } from './context';
import { parseListQuery, type RawQuery } from './query';
import { assistantCreateSchema, assistantUpdateSchema } from './schemas';
import { checkBody } from './validate';

/** Registers the assistant routes on the `/v1` scope. */
export function registerAssistantRoutes(app: FastifyInstance, ctx: V1Context): void {
  const { runtime } = ctx;
  app.post('/assistants', async (req) => runtime.createAssistant(checkBody<AssistantCreateParams>(assistantCreateSchema, req.body)));
  app.get<{ Querystring: RawQuery }>('/assistants', async (req) => runtime.listAssistants(parseListQuery(req.query)));
  app.get<{ Params: IdParams }>('/assistants/:assistant_id', async (req) => runtime.getAssistant(req.params.assistant_id));
  app.post<{ Params: IdParams }>('/assistants/:assistant_id', async (req) =>
    runtime.updateAssistant(req.params.assistant_id, checkBody<AssistantUpdateParams>(assistantUpdateSchema, req.body)),
  );
  app.delete<{ Params: IdParams }>('/assistants/:assistant_id', async (req) => runtime.deleteAssistant(req.params.assistant_id));
}
