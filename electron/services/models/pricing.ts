/**
 * What tokens cost: a price table per model in US dollars per million tokens, editable in the
 * app, starting from list prices of OpenAI's current models. Local and built-in models cost
 * nothing unless a price is set for them. Cost is always derived from recorded usage, so
 * editing a price re-prices old runs too.
 */
import type { Usage } from '../../contract/objects';
import type { ModelPrice } from '../../contract/providers';
import type { Db } from '../db/database';
import { ApiError } from '../runtime/api-error';

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

export class PriceTable {
  constructor(private readonly db: Db) {
    db.exec('CREATE TABLE IF NOT EXISTS model_prices (model TEXT PRIMARY KEY, input_per_mtok REAL NOT NULL, output_per_mtok REAL NOT NULL)');
  }

  /** Defaults merged with edits, sorted by model name. */
  list(): ModelPrice[] {
    const byModel = new Map(DEFAULT_PRICES.map((p) => [p.model, p]));
    for (const row of this.db.prepare('SELECT model, input_per_mtok, output_per_mtok FROM model_prices').all() as ModelPrice[]) byModel.set(row.model, row);
    return [...byModel.values()].sort((a, b) => a.model.localeCompare(b.model));
  }

  set(price: ModelPrice): ModelPrice[] {
    const model = typeof price.model === 'string' ? price.model.trim() : '';
    if (!model || model.length > 256) throw new ApiError(400, 'A price needs a model name (at most 256 characters).', 'invalid_request_error', 'model');
    for (const k of ['input_per_mtok', 'output_per_mtok'] as const) {
      const v = price[k];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 10_000) throw new ApiError(400, `'${k}' must be a number of dollars per million tokens between 0 and 10000.`, 'invalid_request_error', k);
    }
    this.db
      .prepare('INSERT INTO model_prices (model, input_per_mtok, output_per_mtok) VALUES (?, ?, ?) ON CONFLICT(model) DO UPDATE SET input_per_mtok = excluded.input_per_mtok, output_per_mtok = excluded.output_per_mtok')
      .run(model, price.input_per_mtok, price.output_per_mtok);
    return this.list();
  }

  /** The price of a model: its full name (`local/llama3`), else for the `openai` provider its bare name; else free. */
  priceOf(model: string): ModelPrice | null {
    const prices = this.list();
    const exact = prices.find((p) => p.model === model);
    if (exact) return exact;
    if (model.startsWith('openai/')) {
      const bare = model.slice('openai/'.length);
      return prices.find((p) => p.model === bare) ?? prices.find((p) => bare.startsWith(`${p.model}-20`)) ?? null;
    }
    return null;
  }

  /** Dollars for `usage` on `model` (0 for models without a price). */
  cost(model: string, usage: Usage | null | undefined): number {
    return costOf(this.priceOf(model), usage);
  }
}

/** Dollars for `usage` at `price`. */
export function costOf(price: ModelPrice | null, usage: Usage | null | undefined): number {
  if (!price || !usage) return 0;
  return (usage.prompt_tokens * price.input_per_mtok + usage.completion_tokens * price.output_per_mtok) / 1_000_000;
}
