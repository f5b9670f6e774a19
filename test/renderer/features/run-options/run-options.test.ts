import { describe, expect, it } from 'vitest';
import { DEFAULT_RUN_OPTIONS, runInputFromOptions } from '../../../../renderer/src/stores/ui-store';

describe('run options → run create body', () => {
  it('sends nothing but the assistant when nothing is overridden', () => {
    expect(runInputFromOptions('asst_1', DEFAULT_RUN_OPTIONS)).toEqual({ assistant_id: 'asst_1' });
  });

  it('maps every override to its Assistants API field', () => {
    expect(
      runInputFromOptions('asst_1', {
        model: 'gpt-x',
        instructions: 'Be brief.',
        additional_instructions: 'Use metric units.',
        tool_choice: 'function:get_weather',
        parallel_tool_calls: false,
        max_prompt_tokens: '2000',
        max_completion_tokens: ' 300 ',
        truncation: 'last_messages',
        last_messages: '4',
      }),
    ).toEqual({
      assistant_id: 'asst_1',
      model: 'gpt-x',
      instructions: 'Be brief.',
      additional_instructions: 'Use metric units.',
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      parallel_tool_calls: false,
      max_prompt_tokens: 2000,
      max_completion_tokens: 300,
      truncation_strategy: { type: 'last_messages', last_messages: 4 },
    });
    expect(runInputFromOptions('a', { ...DEFAULT_RUN_OPTIONS, tool_choice: 'none', max_completion_tokens: 'lots' })).toEqual({ assistant_id: 'a', tool_choice: 'none' });
  });
});
