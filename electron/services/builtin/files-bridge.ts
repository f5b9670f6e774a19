/**
 * The UI's side of files (FilesApi): upload into an assistant's or thread's tool_resources —
 * file_search files go into the target's vector store (created on first upload), code
 * interpreter files into its `code_interpreter.file_ids` — and list them with their indexing
 * status. Uploading to an assistant also enables the chosen tools on it.
 */
import type { AttachedFile, AttachedFiles, FilesApi, FileTarget } from '../../contract/api';
import type { AssistantTool, ToolResources } from '../../contract/objects';
import { ApiError } from '../runtime/api-error';
import type { AssistantsRuntime } from '../runtime/runtime';
import type { BuiltinTools } from './builtin-tools';
import { SANDBOX_INFO } from './code-interpreter';
import { DEFAULT_CHUNKING } from './chunker';

const MIME: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml' };

/** FilesApi over the built-in tools and the runtime. */
export function createFilesBridge(builtins: BuiltinTools, runtime: AssistantsRuntime): FilesApi {
  const resourcesOf = (target: FileTarget): { resources: ToolResources; name: string } => {
    if (target.kind === 'assistant') {
      const a = runtime.getAssistant(target.id);
      return { resources: a.tool_resources ?? {}, name: a.name ?? a.id };
    }
    const t = runtime.getThread(target.id);
    return { resources: t.tool_resources ?? {}, name: t.id };
  };
  const save = (target: FileTarget, resources: ToolResources, enable: Array<'file_search' | 'code_interpreter'> = []): void => {
    if (target.kind === 'thread') {
      runtime.updateThread(target.id, { tool_resources: resources });
      return;
    }
    const a = runtime.getAssistant(target.id);
    const tools: AssistantTool[] = [...a.tools];
    for (const t of enable) if (!tools.some((x) => x.type === t)) tools.push({ type: t });
    runtime.updateAssistant(target.id, { tool_resources: resources, tools });
  };
  const storeId = (resources: ToolResources): string | null => {
    const id = resources.file_search?.vector_store_ids?.[0];
    return id && builtins.vectorStores.exists(id) ? id : null;
  };

  const attached = (target: FileTarget): AttachedFiles => {
    const { resources } = resourcesOf(target);
    const vsId = storeId(resources);
    const byId = new Map<string, AttachedFile>();
    const add = (fileId: string, tool: 'file_search' | 'code_interpreter'): AttachedFile | null => {
      const meta = builtins.files.find(fileId);
      if (!meta) return null;
      const entry = byId.get(fileId) ?? { file_id: fileId, filename: meta.filename, bytes: meta.bytes, tools: [], status: null, error: null };
      if (!entry.tools.includes(tool)) entry.tools.push(tool);
      byId.set(fileId, entry);
      return entry;
    };
    if (vsId) {
      for (const f of builtins.vectorStores.listFiles(vsId, { limit: 10_000, order: 'asc' }).data) {
        const entry = add(f.id, 'file_search');
        if (entry) {
          entry.status = f.status;
          entry.error = f.last_error?.message ?? null;
        }
      }
    }
    for (const id of resources.code_interpreter?.file_ids ?? []) add(id, 'code_interpreter');
    const vs = vsId ? builtins.vectorStores.get(vsId) : null;
    return {
      vector_store: vs ? { id: vs.id, name: vs.name, status: vs.status, file_counts: vs.file_counts } : null,
      files: [...byId.values()],
      sandbox: { ...SANDBOX_INFO },
    };
  };

  return {
    async upload(target, input) {
      if (input.tools.length === 0) throw new ApiError(400, 'Choose file_search, code_interpreter or both for the file.', 'invalid_request_error', 'tools', null);
      const { resources, name } = resourcesOf(target);
      const bytes = Buffer.from(input.content_base64, 'base64');
      const file = builtins.files.create(input.filename, 'assistants', bytes);
      const next: ToolResources = { ...resources };
      if (input.tools.includes('file_search')) {
        let vsId = storeId(resources);
        if (!vsId) {
          vsId = builtins.vectorStores.create({ name: `Files of ${name}` }).id;
          next.file_search = { vector_store_ids: [vsId] };
        }
        builtins.vectorStores.addFile(vsId, file.id, DEFAULT_CHUNKING, null, null);
      }
      if (input.tools.includes('code_interpreter')) {
        const ids = resources.code_interpreter?.file_ids ?? [];
        if (ids.length >= 20) throw new ApiError(400, 'code_interpreter takes at most 20 files; remove one first.', 'invalid_request_error', 'tool_resources.code_interpreter.file_ids', 'array_above_max_length');
        next.code_interpreter = { file_ids: [...ids, file.id] };
      }
      save(target, next, input.tools);
      return attached(target).files.find((f) => f.file_id === file.id) as AttachedFile;
    },
    async attached(target) {
      return attached(target);
    },
    async detach(target, fileId) {
      const { resources } = resourcesOf(target);
      const vsId = storeId(resources);
      if (vsId && builtins.vectorStores.findFile(vsId, fileId)) builtins.vectorStores.deleteFile(vsId, fileId);
      const ids = resources.code_interpreter?.file_ids ?? [];
      if (ids.includes(fileId)) save(target, { ...resources, code_interpreter: { file_ids: ids.filter((id) => id !== fileId) } });
      return attached(target);
    },
    async content(fileId) {
      const meta = builtins.files.get(fileId);
      const ext = meta.filename.toLowerCase().split('.').pop() ?? '';
      return { filename: meta.filename, mime: MIME[ext] ?? 'application/octet-stream', content_base64: builtins.files.content(fileId).toString('base64') };
    },
  };
}
