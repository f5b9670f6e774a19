/**
 * `/v1/vector_stores` with files, file batches, search and file content (assistants-api.md §2).
 * Reads of stores, files and batches carry `openai-poll-after-ms` so the SDK's
 * `createAndPoll` / `uploadAndPoll` helpers poll briskly while indexing runs.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { BuiltinTools } from '../../builtin/builtin-tools';
import { parseChunking, type VectorStoreCreate } from '../../builtin/vector-stores';
import type { IdParams, V1Context } from './context';
import { metadataSchema } from './schemas';
import { parseListQuery, type RawQuery } from './query';
import { checkBody, invalidValue, type Schema } from './validate';

type ObjectSchema = Extract<Schema, { t: 'object' }>;

const expiresAfter: Schema = {
  t: 'object',
  nullable: true,
  required: ['anchor', 'days'],
  props: { anchor: { t: 'string', enum: ['last_active_at'] }, days: { t: 'integer', min: 1, max: 365 } },
};
const attributes: Schema = { t: 'map', maxProps: 16, maxKey: 64, values: { t: 'json' }, nullable: true };
const storeCreate: ObjectSchema = {
  t: 'object',
  props: {
    name: { t: 'string', nullable: true, max: 256 },
    file_ids: { t: 'array', items: { t: 'string' }, max: 500 },
    chunking_strategy: { t: 'json' },
    metadata: metadataSchema,
    expires_after: expiresAfter,
    description: { t: 'string', nullable: true },
  },
};
const storeUpdate: ObjectSchema = { t: 'object', props: { name: { t: 'string', nullable: true, max: 256 }, metadata: metadataSchema, expires_after: expiresAfter } };
const fileCreate: ObjectSchema = { t: 'object', required: ['file_id'], props: { file_id: { t: 'string' }, chunking_strategy: { t: 'json' }, attributes } };
const batchCreate: ObjectSchema = {
  t: 'object',
  props: { file_ids: { t: 'array', items: { t: 'string' }, min: 1, max: 500 }, chunking_strategy: { t: 'json' }, attributes },
};
const searchBody: ObjectSchema = {
  t: 'object',
  required: ['query'],
  props: {
    query: { t: 'union', expected: 'a string or an array of strings', options: [{ t: 'string', min: 1 }, { t: 'array', items: { t: 'string' }, min: 1 }] },
    max_num_results: { t: 'integer', min: 1, max: 50 },
    ranking_options: { t: 'object', props: { score_threshold: { t: 'number', min: 0, max: 1 }, ranker: { t: 'string', enum: ['auto', 'default-2024-11-15', 'none'] } } },
    rewrite_query: { t: 'boolean' },
    filters: { t: 'json' },
  },
};

type Attributes = Record<string, string | number | boolean> | null;

/** Registers vector store routes on the `/v1` scope. */
export function registerVectorStoreRoutes(app: FastifyInstance, ctx: V1Context, builtin: BuiltinTools): void {
  const stores = builtin.vectorStores;
  const poll = <T>(reply: FastifyReply, body: T): T => {
    reply.header('openai-poll-after-ms', String(ctx.pollAfterMs));
    return body;
  };

  app.post('/vector_stores', async (req, reply) => poll(reply, stores.create(checkBody<VectorStoreCreate>(storeCreate, req.body ?? {}))));
  app.get<{ Querystring: RawQuery }>('/vector_stores', async (req) => stores.list(parseListQuery(req.query)));
  app.get<{ Params: IdParams }>('/vector_stores/:vs_id', async (req, reply) => poll(reply, stores.get(req.params.vs_id)));
  app.post<{ Params: IdParams }>('/vector_stores/:vs_id', async (req) => stores.update(req.params.vs_id, checkBody(storeUpdate, req.body ?? {})));
  app.delete<{ Params: IdParams }>('/vector_stores/:vs_id', async (req) => stores.delete(req.params.vs_id));

  app.post<{ Params: IdParams }>('/vector_stores/:vs_id/search', async (req) => {
    const body = checkBody<{ query: string | string[]; max_num_results?: number; ranking_options?: { score_threshold?: number } }>(searchBody, req.body);
    const query = Array.isArray(body.query) ? body.query.join(' ') : body.query;
    stores.get(req.params.vs_id);
    const hits = stores.index.search({ vectorStoreIds: [req.params.vs_id], attachedFileIds: [] }, query, body.max_num_results ?? 10, body.ranking_options?.score_threshold ?? 0);
    return {
      object: 'vector_store.search_results.page',
      search_query: [query],
      data: hits.map((h) => ({
        file_id: h.file_id,
        filename: builtin.files.find(h.file_id)?.filename ?? h.file_id,
        score: h.score,
        attributes: stores.findFile(req.params.vs_id, h.file_id)?.attributes ?? {},
        content: [{ type: 'text', text: h.text }],
      })),
      has_more: false,
      next_page: null,
    };
  });

  app.post<{ Params: IdParams }>('/vector_stores/:vs_id/files', async (req, reply) => {
    const body = checkBody<{ file_id: string; chunking_strategy?: unknown; attributes?: Attributes }>(fileCreate, req.body);
    return poll(reply, stores.addFile(req.params.vs_id, body.file_id, parseChunking(body.chunking_strategy), body.attributes ?? null, null));
  });
  app.get<{ Params: IdParams; Querystring: RawQuery }>('/vector_stores/:vs_id/files', async (req) => {
    const filter = typeof req.query.filter === 'string' ? req.query.filter : undefined;
    if (filter && !['in_progress', 'completed', 'failed', 'cancelled'].includes(filter)) throw invalidValue('filter', filter, ['in_progress', 'completed', 'failed', 'cancelled']);
    return stores.listFiles(req.params.vs_id, { ...parseListQuery(req.query), filter });
  });
  app.get<{ Params: IdParams }>('/vector_stores/:vs_id/files/:file_id', async (req, reply) => poll(reply, stores.getFile(req.params.vs_id, req.params.file_id)));
  app.delete<{ Params: IdParams }>('/vector_stores/:vs_id/files/:file_id', async (req) => stores.deleteFile(req.params.vs_id, req.params.file_id));
  app.get<{ Params: IdParams }>('/vector_stores/:vs_id/files/:file_id/content', async (req) => ({
    object: 'vector_store.file_content.page',
    data: stores.fileContent(req.params.vs_id, req.params.file_id),
    has_more: false,
    next_page: null,
  }));

  app.post<{ Params: IdParams }>('/vector_stores/:vs_id/file_batches', async (req, reply) => {
    const body = checkBody<{ file_ids?: string[]; chunking_strategy?: unknown; attributes?: Attributes }>(batchCreate, req.body);
    return poll(reply, stores.createBatch(req.params.vs_id, body.file_ids ?? [], parseChunking(body.chunking_strategy), body.attributes ?? null));
  });
  app.get<{ Params: IdParams }>('/vector_stores/:vs_id/file_batches/:batch_id', async (req, reply) => poll(reply, stores.getBatch(req.params.vs_id, req.params.batch_id)));
  app.post<{ Params: IdParams }>('/vector_stores/:vs_id/file_batches/:batch_id/cancel', async (req) => stores.cancelBatch(req.params.vs_id, req.params.batch_id));
  app.get<{ Params: IdParams; Querystring: RawQuery }>('/vector_stores/:vs_id/file_batches/:batch_id/files', async (req) => {
    stores.getBatch(req.params.vs_id, req.params.batch_id);
    const filter = typeof req.query.filter === 'string' ? req.query.filter : undefined;
    return stores.listFiles(req.params.vs_id, { ...parseListQuery(req.query), filter, batchId: req.params.batch_id });
  });
}
