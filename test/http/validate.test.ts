/** The request validator reproduces the platform's wording (assistants-api.md §5). */
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../electron/services/runtime/api-error';
import { parseInclude, parseListQuery } from '../../electron/services/http/v1/query';
import { assistantCreateSchema, messageCreateSchema, runCreateSchema, submitToolOutputsSchema, threadAndRunSchema } from '../../electron/services/http/v1/schemas';
import { checkBody, listValues } from '../../electron/services/http/v1/validate';

function fail(fn: () => unknown): { message: string; param: string | null; code: string | null; status: number } {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    const e = error as ApiError;
    return { message: e.message, param: e.param, code: e.code, status: e.status };
  }
  throw new Error('expected a validation error');
}

describe('checkBody', () => {
  it('accepts full valid bodies', () => {
    expect(() =>
      checkBody(assistantCreateSchema, {
        model: 'mock',
        name: null,
        tools: [{ type: 'function', function: { name: 'f', parameters: { type: 'object' }, strict: true } }, { type: 'code_interpreter' }, { type: 'file_search', file_search: { max_num_results: 5 } }],
        response_format: { type: 'json_schema', json_schema: { name: 's', schema: {} } },
        tool_resources: { code_interpreter: { file_ids: [] } },
        metadata: { a: 'b' },
        temperature: 1.5,
        top_p: 0,
      }),
    ).not.toThrow();
    expect(() => checkBody(runCreateSchema, { assistant_id: 'asst_1', tool_choice: { type: 'function', function: { name: 'f' } }, stream: true, max_prompt_tokens: null })).not.toThrow();
    expect(() => checkBody(threadAndRunSchema, { assistant_id: 'a', thread: { messages: [{ role: 'user', content: 'x' }] } })).not.toThrow();
    expect(checkBody(submitToolOutputsSchema, { tool_outputs: [] })).toEqual({ tool_outputs: [] });
    expect(checkBody({ t: 'object', props: {} }, undefined)).toEqual({});
  });

  it('names unknown and missing parameters, nested too', () => {
    expect(fail(() => checkBody(messageCreateSchema, { role: 'user', content: 'x', extra: 1 }))).toEqual({ status: 400, message: "Unknown parameter: 'extra'.", param: 'extra', code: 'unknown_parameter' });
    expect(fail(() => checkBody(messageCreateSchema, { role: 'user' }))).toMatchObject({ message: "Missing required parameter: 'content'.", param: 'content', code: 'missing_required_parameter' });
    expect(fail(() => checkBody(runCreateSchema, { assistant_id: 'a', additional_messages: [{ role: 'user', content: 'x', bogus: true }] }))).toMatchObject({
      message: "Unknown parameter: 'additional_messages[0].bogus'.",
      param: 'additional_messages[0].bogus',
    });
    expect(fail(() => checkBody(threadAndRunSchema, { assistant_id: 'a', additional_messages: [] }))).toMatchObject({ code: 'unknown_parameter' });
  });

  it('describes wrong types like the platform', () => {
    expect(fail(() => checkBody(assistantCreateSchema, { model: 5 })).message).toBe("Invalid type for 'model': expected a string, but got an integer instead.");
    expect(fail(() => checkBody(assistantCreateSchema, { model: 'm', temperature: '1' })).message).toBe("Invalid type for 'temperature': expected a decimal, but got a string instead.");
    expect(fail(() => checkBody(assistantCreateSchema, { model: 'm', tools: {} })).message).toBe("Invalid type for 'tools': expected an array, but got an object instead.");
    expect(fail(() => checkBody(assistantCreateSchema, { model: null })).message).toBe("Invalid type for 'model': expected a string, but got null instead.");
    expect(fail(() => checkBody(messageCreateSchema, { role: 'user', content: 3 })).message).toBe(
      "Invalid type for 'content': expected one of a string or an array of objects, but got an integer instead.",
    );
    expect(fail(() => checkBody(runCreateSchema, { assistant_id: 'a', max_completion_tokens: 300.5 })).message).toBe(
      "Invalid type for 'max_completion_tokens': expected an integer, but got a decimal instead.",
    );
    expect(fail(() => checkBody(submitToolOutputsSchema, [1]))).toMatchObject({ code: 'invalid_type' });
  });

  it('lists supported values for enums and tagged types', () => {
    expect(listValues(['a'])).toBe("'a'");
    expect(listValues(['a', 'b'])).toBe("'a' and 'b'");
    expect(listValues(['a', 'b', 'c'])).toBe("'a', 'b', and 'c'");
    expect(fail(() => checkBody(assistantCreateSchema, { model: 'm', tools: [{ type: 'browser' }] }))).toMatchObject({
      message: "Invalid value: 'browser'. Supported values are: 'code_interpreter', 'file_search', and 'function'.",
      param: 'tools[0].type',
      code: 'invalid_value',
    });
    expect(fail(() => checkBody(runCreateSchema, { assistant_id: 'a', truncation_strategy: { type: 'first' } })).param).toBe('truncation_strategy.type');
  });

  it('enforces limits with the documented codes', () => {
    expect(fail(() => checkBody(assistantCreateSchema, { model: 'm', temperature: 2.5 }))).toMatchObject({
      message: "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 2.5 instead.",
      code: 'decimal_above_max_value',
    });
    expect(fail(() => checkBody(assistantCreateSchema, { model: 'm', name: 'n'.repeat(257) }))).toMatchObject({ param: 'name', code: 'string_above_max_length' });
    expect(fail(() => checkBody(assistantCreateSchema, { model: 'm', instructions: 'i'.repeat(256_001) }))).toMatchObject({ param: 'instructions', code: 'string_above_max_length' });
    expect(fail(() => checkBody(messageCreateSchema, { role: 'user', content: [] }))).toMatchObject({ param: 'content', code: 'empty_array' });
    expect(fail(() => checkBody(assistantCreateSchema, { model: 'm', tool_resources: { file_search: { vector_store_ids: ['a', 'b'] } } }))).toMatchObject({
      param: 'tool_resources.file_search.vector_store_ids',
      code: 'array_above_max_length',
    });
    expect(fail(() => checkBody(assistantCreateSchema, { model: 'm', metadata: { n: 1 } }))).toMatchObject({ message: "Invalid type for 'metadata.n': expected a string, but got an integer instead." });
  });
});

describe('list queries', () => {
  it('defaults to limit 20, desc', () => {
    expect(parseListQuery({})).toEqual({ limit: 20, order: 'desc' });
    expect(parseListQuery({ limit: '5', order: 'asc', after: 'x', before: 'y' })).toEqual({ limit: 5, order: 'asc', after: 'x', before: 'y' });
  });
  it('rejects bad limits and orders', () => {
    expect(fail(() => parseListQuery({ limit: 'ten' }))).toMatchObject({ message: "Invalid type for 'limit': expected an integer, but got a string instead.", param: 'limit' });
    expect(fail(() => parseListQuery({ limit: '0' })).message).toBe("Invalid 'limit': integer below minimum value. Expected a value >= 1, but got 0 instead.");
    expect(fail(() => parseListQuery({ limit: '101' })).code).toBe('integer_above_max_value');
    expect(fail(() => parseListQuery({ order: 'ASC' })).message).toBe("Invalid value: 'ASC'. Supported values are: 'asc' and 'desc'.");
  });
  it('accepts only the known include[] value', () => {
    const known = 'step_details.tool_calls[*].file_search.results[*].content';
    expect(parseInclude({ 'include[]': known })).toEqual([known]);
    expect(parseInclude({})).toBeUndefined();
    expect(fail(() => parseInclude({ 'include[]': [known, 'x'] })).param).toBe('include[1]');
  });
});
