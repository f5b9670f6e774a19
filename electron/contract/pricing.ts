/**
 * Token prices and cost, one implementation for the services (thread totals) and the UI
 * (runs, steps): US dollars per million tokens, looked up by full model name, else — for the
 * `openai` provider — by the bare model name (dated snapshots use their family's price).
 * Models without a price (local servers, mock) cost nothing.
 */
import type { ModelPrice } from './providers';
import type { Usage } from './objects';

/** OpenAI list prices (input, output per 1M tokens) used until edited. */
export const DEFAULT_PRICES: readonly ModelPrice[] = [
  { model: 'gpt-5', input_per_mtok: 1.25, output_per_mtok: 10 },
  { model: 'gpt-5-mini', input_per_mtok: 0.25, output_per_mtok: 2 },
  { model: 'gpt-5-nano', input_per_mtok: 0.05, output_per_mtok: 0.4 },
  { model: 'gpt-4.1', input_per_mtok: 2, output_per_mtok: 8 },
  { model: 'gpt-4.1-mini', input_per_mtok: 0.4, output_per_mtok: 1.6 },
  { model: 'gpt-4.1-nano', input_per_mtok: 0.1, output_per_mtok: 0.4 },
  { model: 'gpt-4o', input_per_mtok: 2.5, output_per_mtok: 10 },
  { model: 'gpt-4o-mini', input_per_mtok: 0.15, output_per_mtok: 0.6 },
  { model: 'o3', input_per_mtok: 2, output_per_mtok: 8 },
  { model: 'o4-mini', input_per_mtok: 1.1, output_per_mtok: 4.4 },
];

/** The price of `model` in `prices`, or null (free). */
export function priceOf(prices: readonly ModelPrice[], model: string): ModelPrice | null {
  const exact = prices.find((p) => p.model === model);
  if (exact) return exact;
  if (model.startsWith('openai/')) {
    const bare = model.slice('openai/'.length);
    return prices.find((p) => p.model === bare) ?? prices.find((p) => bare.startsWith(`${p.model}-20`)) ?? null;
  }
  return null;
}

/** Dollars for `usage` at `price`. */
export function costOf(price: ModelPrice | null, usage: Usage | null | undefined): number {
  if (!price || !usage) return 0;
  return (usage.prompt_tokens * price.input_per_mtok + usage.completion_tokens * price.output_per_mtok) / 1_000_000;
}

/** `$0.0123`, `$1.20`, or `$0` — enough digits to see a cent's fraction. */
export function formatCost(usd: number): string {
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toPrecision(2)}`;
  return `$${usd.toFixed(usd < 1 ? 4 : 2)}`;
}
