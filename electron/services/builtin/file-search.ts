/**
 * Executes a `file_search` call for a run: searches the vector stores of the run's tool
 * resources (run or assistant, plus thread) and the files attached to the thread's messages
 * for file_search, honouring the tool's `max_num_results` and `ranking_options`. The step's
 * tool call keeps every result with its content; `/v1` strips the content unless asked with
 * `include[]`. A file that cannot be read becomes an error entry, never a failed run.
 */
import type { AssistantTool, Run, ToolResources } from '../../contract/objects';
import type { Store } from '../runtime/store';
import type { FileStore } from './file-store';
import { ATTACH_STORE } from './search-index';
import type { VectorStores } from './vector-stores';

/** One result as it appears on the step (content only with include[]). */
export interface FileSearchResult {
  file_id: string;
  file_name: string;
  score: number;
  content: Array<{ type: 'text'; text: string }>;
}

/** The `file_search` object of a step's tool call; `query` and `errors` are RunLens additions. */
export interface FileSearchDetails {
  ranking_options: { ranker: string; score_threshold: number };
  results: FileSearchResult[];
  query: string;
  errors?: Array<{ file_id: string; message: string }>;
}

/** The search scope a run sees. */
export function searchScope(store: Store, run: Run): { vectorStoreIds: string[]; attachedFileIds: string[] } {
  const assistant = store.getAssistant(run.assistant_id);
  const thread = store.getThread(run.thread_id);
  const resources: Array<ToolResources | null | undefined> = [run.tool_resources, assistant?.tool_resources, thread?.tool_resources];
  const vectorStoreIds = [...new Set(resources.flatMap((r) => r?.file_search?.vector_store_ids ?? []))];
  const attachedFileIds = new Set<string>();
  for (const m of store.threadMessages(run.thread_id)) {
    for (const a of m.attachments ?? []) {
      if (a.file_id && (a.tools ?? []).some((t) => t.type === 'file_search')) attachedFileIds.add(a.file_id);
    }
  }
  return { vectorStoreIds, attachedFileIds: [...attachedFileIds] };
}

function toolOptions(tools: AssistantTool[]): { max: number; threshold: number; ranker: string } {
  const tool = tools.find((t) => t.type === 'file_search') as { file_search?: { max_num_results?: number; ranking_options?: { score_threshold?: number; ranker?: string } } } | undefined;
  const fs = tool?.file_search ?? {};
  return {
    max: fs.max_num_results ?? 20,
    threshold: fs.ranking_options?.score_threshold ?? 0,
    ranker: fs.ranking_options?.ranker && fs.ranking_options.ranker !== 'auto' ? fs.ranking_options.ranker : 'default_2024_08_21',
  };
}

/** Runs one search; never throws for a bad file (it is listed in `errors`). */
export async function runFileSearch(deps: { store: Store; files: FileStore; vectorStores: VectorStores }, run: Run, query: string): Promise<FileSearchDetails> {
  const { max, threshold, ranker } = toolOptions(run.tools);
  const scope = searchScope(deps.store, run);
  const errors: Array<{ file_id: string; message: string }> = [];
  const usable: string[] = [];
  for (const fid of scope.attachedFileIds) {
    try {
      await deps.vectorStores.indexAttachment(fid, ATTACH_STORE);
      usable.push(fid);
    } catch (error) {
      errors.push({ file_id: fid, message: (error as Error).message });
    }
  }
  const stores = scope.vectorStoreIds.filter((id) => deps.vectorStores.exists(id));
  for (const id of scope.vectorStoreIds) if (!stores.includes(id)) errors.push({ file_id: id, message: `The vector store ${id} no longer exists.` });
  const hits = query.trim() ? deps.vectorStores.index.search({ vectorStoreIds: stores, attachedFileIds: usable }, query, max, threshold) : [];
  const results = hits.map((h) => ({
    file_id: h.file_id,
    file_name: deps.files.find(h.file_id)?.filename ?? h.file_id,
    score: h.score,
    content: [{ type: 'text' as const, text: h.text }],
  }));
  const details: FileSearchDetails = { ranking_options: { ranker, score_threshold: threshold }, results, query };
  if (errors.length > 0) details.errors = errors;
  return details;
}

/** What the model reads back from a search (the mock quotes from it; live models cite it). */
export function fileSearchOutput(details: FileSearchDetails): string {
  return JSON.stringify({
    query: details.query,
    results: details.results.map((r) => ({ file_id: r.file_id, file_name: r.file_name, score: r.score, text: r.content.map((c) => c.text).join('\n') })),
    ...(details.errors ? { errors: details.errors } : {}),
  });
}

/** A step's tool calls without result content, as `/v1` shows them without include[]. */
export function withoutResultContent<T>(step: T): T {
  const s = step as { step_details?: { type: string; tool_calls?: Array<{ type: string; file_search?: { results?: Array<Record<string, unknown>> } }> } };
  if (s.step_details?.type !== 'tool_calls' || !s.step_details.tool_calls?.some((c) => c.type === 'file_search' && c.file_search?.results)) return step;
  return {
    ...step,
    step_details: {
      ...s.step_details,
      tool_calls: s.step_details.tool_calls.map((c) =>
        c.type === 'file_search' && c.file_search?.results
          ? { ...c, file_search: { ...c.file_search, results: c.file_search.results.map(({ content: _content, ...rest }) => rest) } }
          : c,
      ),
    },
  } as T;
}
