/**
 * How a finished built-in call reads in the conversation a model is sent on its next round:
 * as a call of the same-named function with its arguments and the output text.
 */
import type { ToolCall } from '../../contract/objects';
import { fileSearchOutput, type FileSearchDetails } from './file-search';

/** `{name, arguments, output}` of a built-in call, or null for a function call. */
export function builtinCallAsChat(call: ToolCall): { name: string; arguments: string; output: string } | null {
  if (call.type === 'file_search') {
    const d = call.file_search as unknown as FileSearchDetails;
    return { name: 'file_search', arguments: JSON.stringify({ query: d.query ?? '' }), output: fileSearchOutput({ ...d, results: d.results ?? [] }) };
  }
  if (call.type === 'code_interpreter') {
    const ci = call.code_interpreter as { input: string; outputs: Array<{ type: string; logs?: string }>; files?: unknown[]; error?: string; stopped?: string };
    const logs = ci.outputs.filter((o) => o.type === 'logs').map((o) => o.logs ?? '').join('\n');
    return { name: 'code_interpreter', arguments: JSON.stringify({ code: ci.input }), output: JSON.stringify({ logs, error: ci.error ?? null, stopped: ci.stopped ?? null, files: ci.files ?? [] }) };
  }
  return null;
}
