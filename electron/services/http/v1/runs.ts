/**
 * Runs, createAndRun, submit_tool_outputs, cancel and run steps (assistants-api.md §2–4).
 * `stream: true` turns the reply into the run's SSE stream from the change just made.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Metadata, Run } from '../../../contract/objects';
import type { RunCreateParams, StreamStart, SubmitToolOutputsParams, ThreadAndRunParams } from '../../runtime/runtime-types';
import { sendRun, threadIdOf, type IdParams, type V1Context } from './context';
import { parseInclude, parseListQuery, type RawQuery } from './query';
import { metadataOnlySchema, runCreateSchema, submitToolOutputsSchema, threadAndRunSchema } from './schemas';
import { streamRun } from './sse';
import { checkBody } from './validate';
import { readRunSettled } from './long-poll';
import { withoutResultContent } from '../../builtin/file-search';

type Streamable<T> = T & { stream?: boolean | null };

function respond(ctx: V1Context, reply: FastifyReply, stream: boolean | null | undefined, start: StreamStart): FastifyReply | Run {
  if (stream) {
    streamRun(reply, ctx.runtime, start.run.id, start.afterSeq);
    return reply;
  }
  return sendRun(ctx, reply, start.run);
}

/** Registers the run and step routes on the `/v1` scope. */
export function registerRunRoutes(app: FastifyInstance, ctx: V1Context): void {
  const { runtime } = ctx;
  type Req = FastifyRequest<{ Params: IdParams; Querystring: RawQuery }>;

  app.post('/threads/runs', async (req, reply) => {
    const { stream, ...params } = checkBody<Streamable<ThreadAndRunParams>>(threadAndRunSchema, req.body);
    return respond(ctx, reply, stream, runtime.createThreadAndRun(params, 'api'));
  });

  app.post('/threads/:thread_id/runs', async (req: Req, reply) => {
    const tid = threadIdOf(req.params);
    parseInclude(req.query);
    const { stream, ...params } = checkBody<Streamable<RunCreateParams>>(runCreateSchema, req.body);
    return respond(ctx, reply, stream, runtime.createRun(tid, params, 'api'));
  });

  app.get('/threads/:thread_id/runs', async (req: Req) => runtime.listRuns(threadIdOf(req.params), parseListQuery(req.query)));

  app.get('/threads/:thread_id/runs/:run_id', async (req: Req, reply) => {
    const tid = threadIdOf(req.params);
    const polling = req.headers['x-stainless-poll-helper'] === 'true';
    const run = polling ? await readRunSettled(runtime, tid, req.params.run_id, ctx.longPollMs) : runtime.getRun(tid, req.params.run_id);
    return sendRun(ctx, reply, run);
  });

  app.post('/threads/:thread_id/runs/:run_id', async (req: Req, reply) => {
    const tid = threadIdOf(req.params);
    const params = checkBody<{ metadata?: Metadata | null }>(metadataOnlySchema, req.body);
    return sendRun(ctx, reply, runtime.updateRun(tid, req.params.run_id, params));
  });

  app.post('/threads/:thread_id/runs/:run_id/cancel', async (req: Req, reply) => {
    const tid = threadIdOf(req.params);
    checkBody<Record<string, never>>({ t: 'object', props: {} }, req.body);
    return sendRun(ctx, reply, runtime.cancelRun(tid, req.params.run_id));
  });

  app.post('/threads/:thread_id/runs/:run_id/submit_tool_outputs', async (req: Req, reply) => {
    const tid = threadIdOf(req.params);
    const { stream, ...params } = checkBody<Streamable<SubmitToolOutputsParams>>(submitToolOutputsSchema, req.body);
    return respond(ctx, reply, stream, runtime.submitToolOutputs(tid, req.params.run_id, { ...params, source: 'api' }));
  });

  app.get('/threads/:thread_id/runs/:run_id/steps', async (req: Req) => {
    const tid = threadIdOf(req.params);
    const include = parseInclude(req.query);
    const page = runtime.listSteps(tid, req.params.run_id, { ...parseListQuery(req.query), include });
    return include?.length ? page : { ...page, data: page.data.map(withoutResultContent) };
  });

  app.get('/threads/:thread_id/runs/:run_id/steps/:step_id', async (req: Req) => {
    const tid = threadIdOf(req.params);
    const include = parseInclude(req.query);
    const step = runtime.getStep(tid, req.params.run_id, req.params.step_id, include);
    return include?.length ? step : withoutResultContent(step);
  });
}
