/**
 * The live backend: every `<provider>/<model>` whose provider is in the registry is sent to
 * that provider's Chat Completions endpoint through the official `openai` SDK, streaming with
 * usage. Retries (429 honouring `retry-after`, 5xx, connection failures) happen only before any
 * output, are bounded, and surface as `retry` chunks; cancel aborts the HTTP request; a stream
 * silent for longer than the idle timeout is cut and the run fails naming the provider.
 */
import OpenAI from 'openai';
import { abortableSleep } from '../../abortable-sleep';
import { ModelError, type ModelBackend, type ModelChunk, type ModelRequest, type WireRequest } from '../model';
import { chatBody, maskKey } from './chat-request';
import { ChatStreamMapper, type ChatChunk } from './chat-stream';
import { MAX_RETRIES, MAX_RETRY_WAIT_MS, retryDelay, statusOf, toModelError } from './provider-errors';
import { splitModelName, type ProviderRegistry } from './provider-registry';

export interface ProviderBackendOptions {
  /** Longest wait for the response headers and between two chunks (60 s by default). */
  idleTimeoutMs?: number;
}

const clients = new Map<string, OpenAI>();

/** An SDK client for a provider (reused per address, key and timeout); the SDK's own retries are off (RunLens retries and records them). */
export function clientFor(baseUrl: string, key: string | null, timeoutMs = 60_000): OpenAI {
  const id = `${baseUrl}\n${key ?? ''}\n${timeoutMs}`;
  let client = clients.get(id);
  if (!client) {
    if (clients.size >= 64) clients.clear();
    client = new OpenAI({ baseURL: baseUrl, apiKey: key || 'none', maxRetries: 0, timeout: timeoutMs, logLevel: 'off' });
    clients.set(id, client);
  }
  return client;
}

export class ProviderBackend implements ModelBackend {
  readonly name = 'provider';
  private readonly idleTimeoutMs: number;

  constructor(
    private readonly registry: ProviderRegistry,
    options: ProviderBackendOptions = {},
  ) {
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  }

  handles(model: string): boolean {
    const parts = splitModelName(model);
    return parts !== null && this.registry.get(parts.provider) !== null;
  }

  private target(model: string) {
    const parts = splitModelName(model);
    const entry = parts ? this.registry.get(parts.provider) : null;
    if (!parts || !entry) throw new ModelError('invalid_prompt', `The model '${model}' names no configured provider.`);
    return { entry, model: parts.model };
  }

  async describe(request: ModelRequest): Promise<WireRequest> {
    const { entry, model } = this.target(request.model);
    const key = await this.registry.key(entry.name);
    return {
      method: 'POST',
      url: `${entry.base_url}/chat/completions`,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key ? maskKey(key) : 'none'}` },
      body: chatBody(request, model),
    };
  }

  async *generate(request: ModelRequest, signal: AbortSignal): AsyncIterable<ModelChunk> {
    const { entry, model } = this.target(request.model);
    const key = await this.registry.key(entry.name);
    const client = clientFor(entry.base_url, key, this.idleTimeoutMs);
    const body = chatBody(request, model) as unknown as OpenAI.Chat.ChatCompletionCreateParamsStreaming;
    for (let attempt = 0; ; attempt++) {
      const mapper = new ChatStreamMapper(entry.name);
      const local = new AbortController();
      const onAbort = () => local.abort(signal.reason);
      signal.addEventListener('abort', onAbort, { once: true });
      let idle: NodeJS.Timeout | null = null;
      let timedOut = false;
      const arm = () => {
        if (idle) clearTimeout(idle);
        idle = setTimeout(() => {
          timedOut = true;
          local.abort(new Error('idle timeout'));
        }, this.idleTimeoutMs);
      };
      try {
        arm();
        const stream = await client.chat.completions.create(body, { signal: local.signal });
        for await (const chunk of stream) {
          arm();
          for (const out of mapper.map(chunk as unknown as ChatChunk)) yield out;
        }
        yield mapper.finish();
        return;
      } catch (error) {
        signal.throwIfAborted();
        if (timedOut) throw new ModelError('server_error', `Provider '${entry.name}' sent nothing for ${Math.round(this.idleTimeoutMs / 1000)} s (timeout) for model '${model}'.`);
        const wait = mapper.started || attempt >= MAX_RETRIES ? null : retryDelay(error, attempt);
        if (wait === null || wait > MAX_RETRY_WAIT_MS) throw toModelError(error, entry.name, model);
        yield { type: 'retry', attempt: attempt + 1, status: statusOf(error), wait_ms: Math.round(wait), message: toModelError(error, entry.name, model).message };
        await abortableSleep(wait, signal);
      } finally {
        if (idle) clearTimeout(idle);
        signal.removeEventListener('abort', onAbort);
      }
    }
  }
}
