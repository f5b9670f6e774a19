/** Cost from recorded usage at the editable price table. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatCost } from '../../../electron/contract/pricing';
import { openTestServices, waitForStatus, type TestServices } from '../../helpers/services';

let s: TestServices;
beforeEach(() => {
  s = openTestServices({ env: {} });
});
afterEach(async () => {
  await s.dispose();
});

describe('prices', () => {
  it('prices openai models by their bare name, local ones only when set, and refuses bad prices unchanged', async () => {
    const prices = s.liveModels.prices;
    const usage = { prompt_tokens: 1_000_000, completion_tokens: 500_000, total_tokens: 1_500_000 };
    expect(prices.cost('openai/gpt-4.1-mini', usage)).toBeCloseTo(0.4 + 0.8);
    expect(prices.cost('openai/gpt-4o-2024-08-06', usage)).toBeCloseTo(2.5 + 5);
    expect(prices.cost('local/llama3.1', usage)).toBe(0);
    expect(prices.cost('mock', usage)).toBe(0);
    await s.api.prices.set({ model: 'local/llama3.1', input_per_mtok: 0.1, output_per_mtok: 0.2 });
    expect(prices.cost('local/llama3.1', usage)).toBeCloseTo(0.2);
    await expect(s.api.prices.set({ model: 'x', input_per_mtok: -1, output_per_mtok: 0 })).rejects.toThrow(/input_per_mtok/);
    expect((await s.api.prices.list()).find((p) => p.model === 'x')).toBeUndefined();
    expect(formatCost(0)).toBe('$0');
    expect(formatCost(0.00123)).toBe('$0.0012');
    expect(formatCost(1.2)).toBe('$1.20');
  });

  it('gives each thread its tokens and cost in the thread list', async () => {
    await s.api.prices.set({ model: 'mock', input_per_mtok: 1_000, output_per_mtok: 1_000 });
    const a = s.runtime.createAssistant({ model: 'mock' });
    const t = s.runtime.createThread({ messages: [{ role: 'user', content: 'hello there' }] });
    const run = s.runtime.createRun(t.id, { assistant_id: a.id }).run;
    const done = await waitForStatus(s, run, ['completed']);
    const [summary] = await s.api.threads.list();
    expect(summary.usage?.total_tokens).toBe(done.usage?.total_tokens);
    expect(summary.usage?.cost_usd).toBeCloseTo((done.usage!.total_tokens * 1_000) / 1_000_000);
  });
});
