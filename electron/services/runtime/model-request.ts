/**
 * What a model sees for one round of a run: the run's instructions, the thread's messages
 * (cut by the truncation strategy), then this run's earlier tool rounds with their outputs.
 */
import type { FunctionDefinition, Run } from '../../contract/objects';
import type { ChatMessage, ModelRequest } from '../models/model';
import { builtinCallAsChat } from '../builtin/chat-view';
import { messageText, type Store } from './store';

export function buildModelRequest(store: Store, run: Run, builtinTools: FunctionDefinition[] = []): ModelRequest {
  let history: ChatMessage[] = store
    .threadMessages(run.thread_id)
    .filter((m) => m.status !== 'in_progress')
    .map((m) => ({ role: m.role, content: messageText(m) }));
  const last = run.truncation_strategy?.type === 'last_messages' ? run.truncation_strategy.last_messages : null;
  if (last && last > 0) history = history.slice(-last);

  const rounds: ChatMessage[] = [];
  for (const step of store.runSteps(run.id)) {
    if (step.status !== 'completed' || step.step_details.type !== 'tool_calls') continue;
    // Built-in calls (file_search, code_interpreter) read back like functions of the same name.
    const calls = step.step_details.tool_calls.flatMap((c) => {
      if (c.type === 'function') return [{ id: c.id, name: c.function.name, arguments: c.function.arguments, output: c.function.output ?? '' }];
      const chat = builtinCallAsChat(c);
      return chat ? [{ id: c.id, ...chat }] : [];
    });
    if (calls.length === 0) continue;
    rounds.push({ role: 'assistant', content: null, tool_calls: calls.map((c) => ({ id: c.id, name: c.name, arguments: c.arguments })) });
    for (const c of calls) rounds.push({ role: 'tool', tool_call_id: c.id, name: c.name, content: c.output });
  }

  const tools: FunctionDefinition[] = [...run.tools.flatMap((t) => (t.type === 'function' ? [t.function] : [])), ...builtinTools];
  return {
    model: run.model,
    assistant_id: run.assistant_id,
    instructions: run.instructions,
    messages: [...history, ...rounds],
    tools,
    tool_choice: run.tool_choice ?? 'auto',
    parallel_tool_calls: run.parallel_tool_calls,
    temperature: run.temperature,
    top_p: run.top_p,
    max_completion_tokens: run.max_completion_tokens,
    response_format: run.response_format,
  };
}
