/**
 * `GET /api/events`: every RunLensEvents push as Server-Sent Events. Run events carry their
 * global event id as the SSE id, so a reconnecting EventSource (Last-Event-ID) or a client
 * passing `?after=<id>` gets the recorded events it missed, then the live ones, with no gap.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import type { RunLensEventName, RunLensEvents } from '../../../contract/api';
import type { Services } from '../../services-types';
import { stubOf } from '../../../contract/event-pack';

const HEARTBEAT_MS = 15_000;

/** The event id to resume after: Last-Event-ID wins over `?after=`; null when neither is a whole number. */
export function resumePoint(request: FastifyRequest): number | null {
  const header = request.headers['last-event-id'];
  const query = (request.query as Record<string, unknown> | undefined)?.after;
  const raw = typeof header === 'string' && header !== '' ? header : typeof query === 'string' ? query : null;
  if (raw === null || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

/** One SSE frame; run events get `id:` so the browser remembers where it is. */
export function sseFrame<K extends RunLensEventName>(name: K, payload: RunLensEvents[K]): string {
  const id = name === 'run.event' ? `id: ${(payload as RunLensEvents['run.event']).id}\n` : '';
  return `${id}event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
}

/** Open streams, so the server can end them when it closes (an open stream would hold close() forever). */
export class EventStreams {
  private readonly open = new Set<ServerResponse>();

  constructor(private readonly services: Services) {}

  /** Takes over the response and streams until the client goes away or the server closes. */
  handle(request: FastifyRequest, reply: FastifyReply): void {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      'x-content-type-options': 'nosniff',
    });
    res.write('retry: 2000\n\n');
    this.open.add(res);

    const send = <K extends RunLensEventName>(name: K, payload: RunLensEvents[K]) => {
      if (!res.writableEnded) res.write(sseFrame(name, payload));
    };
    const after = resumePoint(request);
    // Resuming: the run events come from the log (recorded ones first, then live); everything else live.
    const stopReplay = after === null ? null : this.services.runtime.subscribe({}, (event) => send('run.event', stubOf(event)), { afterId: after });
    const stopLive = this.services.subscribe((name, payload) => {
      if (name === 'run.event' && stopReplay) return;
      send(name, payload);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();

    const cleanup = () => {
      clearInterval(heartbeat);
      stopReplay?.();
      stopLive();
      this.open.delete(res);
    };
    request.raw.on('close', cleanup);
    res.on('close', cleanup);
  }

  /** Ends every open stream (server shutdown). */
  closeAll(): void {
    for (const res of this.open) res.end();
    this.open.clear();
  }
}

/** Registers the route and ends the streams before the server closes. */
export function registerEventStream(app: FastifyInstance, services: Services, guard: (request: FastifyRequest, reply: FastifyReply) => boolean): void {
  const streams = new EventStreams(services);
  app.get('/api/events', async (request, reply) => {
    if (!guard(request, reply)) return reply;
    streams.handle(request, reply);
    return reply;
  });
  app.addHook('preClose', (done) => {
    streams.closeAll();
    done();
  });
}
