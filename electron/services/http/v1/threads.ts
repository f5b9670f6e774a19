/** `/v1/threads` and `/v1/threads/{tid}/messages` (assistants-api.md §2). */
import type { FastifyInstance } from 'fastify';
import type { Metadata, ToolResources } from '../../../contract/objects';
import type { MessageCreateParams, ThreadCreateParams } from '../../runtime/runtime-types';
import { threadIdOf, type IdParams, type V1Context } from './context';
import { parseListQuery, parseRunIdFilter, type RawQuery } from './query';
import { messageCreateSchema, metadataOnlySchema, threadCreateSchema, threadUpdateSchema } from './schemas';
import { checkBody } from './validate';

/** Registers thread and message routes on the `/v1` scope. */
export function registerThreadRoutes(app: FastifyInstance, ctx: V1Context): void {
  const { runtime } = ctx;
  app.post('/threads', async (req) => runtime.createThread(checkBody<ThreadCreateParams>(threadCreateSchema, req.body)));
  app.get<{ Params: IdParams }>('/threads/:thread_id', async (req) => runtime.getThread(threadIdOf(req.params)));
  app.post<{ Params: IdParams }>('/threads/:thread_id', async (req) => {
    const tid = threadIdOf(req.params);
    return runtime.updateThread(tid, checkBody<{ metadata?: Metadata | null; tool_resources?: ToolResources | null }>(threadUpdateSchema, req.body));
  });
  app.delete<{ Params: IdParams }>('/threads/:thread_id', async (req) => runtime.deleteThread(threadIdOf(req.params)));

  app.post<{ Params: IdParams }>('/threads/:thread_id/messages', async (req) => {
    const tid = threadIdOf(req.params);
    return runtime.createMessage(tid, checkBody<MessageCreateParams>(messageCreateSchema, req.body));
  });
  app.get<{ Params: IdParams; Querystring: RawQuery }>('/threads/:thread_id/messages', async (req) => {
    const tid = threadIdOf(req.params);
    return runtime.listMessages(tid, { ...parseListQuery(req.query), run_id: parseRunIdFilter(req.query) });
  });
  app.get<{ Params: IdParams }>('/threads/:thread_id/messages/:message_id', async (req) =>
    runtime.getMessage(threadIdOf(req.params), req.params.message_id),
  );
  app.post<{ Params: IdParams }>('/threads/:thread_id/messages/:message_id', async (req) => {
    const tid = threadIdOf(req.params);
    return runtime.updateMessage(tid, req.params.message_id, checkBody<{ metadata?: Metadata | null }>(metadataOnlySchema, req.body));
  });
  app.delete<{ Params: IdParams }>('/threads/:thread_id/messages/:message_id', async (req) =>
    runtime.deleteMessage(threadIdOf(req.params), req.params.message_id),
  );
}
