/**
 * One code_interpreter call of a run: gathers the run's files (tool_resources and message
 * attachments for code_interpreter) into /mnt/data, runs the code in the sandbox, stores
 * written files as `assistants_output` files and builds the step's tool call: `input`, and
 * `outputs` with the logs and an `image` output for each image written.
 */
import path from 'node:path';
import type { Run, ToolCall, ToolResources } from '../../contract/objects';
import type { Store } from '../runtime/store';
import type { CodeSandbox } from './code-interpreter';
import type { FileStore } from './file-store';

const IMAGE = /\.(png|jpe?g|gif|webp|svg)$/i;

/** File ids a run's code may read. */
export function codeFileIds(store: Store, run: Run): string[] {
  const assistant = store.getAssistant(run.assistant_id);
  const thread = store.getThread(run.thread_id);
  const resources: Array<ToolResources | null | undefined> = [run.tool_resources, assistant?.tool_resources, thread?.tool_resources];
  const ids = new Set(resources.flatMap((r) => r?.code_interpreter?.file_ids ?? []));
  for (const m of store.threadMessages(run.thread_id)) {
    for (const a of m.attachments ?? []) if (a.file_id && (a.tools ?? []).some((t) => t.type === 'code_interpreter')) ids.add(a.file_id);
  }
  return [...ids];
}

/** A written file, as the model and the reply see it. */
export interface WrittenFile {
  file_id: string;
  filename: string;
  path: string;
}

/** Runs the call; the sandbox's verdict (exception, limit, cancel) is in the logs and `error`. */
export async function runCodeInterpreter(
  deps: { store: Store; files: FileStore; sandbox: CodeSandbox },
  run: Run,
  callId: string,
  code: string,
  signal: AbortSignal,
): Promise<{ toolCall: ToolCall; output: string; error: string | null }> {
  const inputs: Array<{ name: string; bytes: Buffer }> = [];
  const missing: string[] = [];
  for (const id of codeFileIds(deps.store, run)) {
    const meta = deps.files.find(id);
    if (!meta) {
      missing.push(id);
      continue;
    }
    inputs.push({ name: meta.filename, bytes: deps.files.content(id) });
  }
  const result = await deps.sandbox.run(code, inputs, signal);
  const written: WrittenFile[] = [];
  const outputs: Array<Record<string, unknown>> = [];
  const notes: string[] = missing.map((id) => `RunLens: attached file ${id} no longer exists.`);
  for (const f of [...result.files].sort((x, y) => x.path.localeCompare(y.path))) {
    try {
      const stored = deps.files.create(path.basename(f.path), 'assistants_output', f.bytes);
      written.push({ file_id: stored.id, filename: stored.filename, path: f.path });
    } catch (error) {
      notes.push(`RunLens: ${f.path} was not kept: ${(error as Error).message}`);
    }
  }
  const logs = [...notes, result.logs, result.stopped ? result.error : null].filter((s): s is string => !!s).join('\n');
  outputs.push({ type: 'logs', logs });
  for (const w of written) if (IMAGE.test(w.filename)) outputs.push({ type: 'image', image: { file_id: w.file_id } });
  const toolCall: ToolCall = {
    id: callId,
    type: 'code_interpreter',
    code_interpreter: { input: code, outputs, ...(written.length > 0 ? { files: written } : {}), ...(result.error ? { error: result.error } : {}), ...(result.stopped ? { stopped: result.stopped } : {}), duration_ms: result.duration_ms } as { input: string; outputs: unknown[] },
  };
  const output = JSON.stringify({ logs, error: result.error, stopped: result.stopped, files: written });
  return { toolCall, output, error: result.error };
}
