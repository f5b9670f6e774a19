/**
 * What tokens cost: a price table per model in US dollars per million tokens, editable in the
 * app, starting from list prices of OpenAI's current models (contract/pricing). Local and built-in models cost
 * nothing unless a price is set for them. Cost is always derived from recorded usage, so
 * editing a price re-prices old runs too.
 */
import type { Usage } from '../../contract/objects';
import { costOf, DEFAULT_PRICES, priceOf } from '../../contract/pricing';
import type { ModelPrice } from '../../contract/providers';
import type { Db } from '../db/database';
import { ApiError } from '../runtime/api-error';

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

  /** The price of a model (see contract/pricing priceOf); null when free. */
  priceOf(model: string): ModelPrice | null {
    return priceOf(this.list(), model);
  }

  /** Dollars for `usage` on `model` (0 for models without a price). */
  cost(model: string, usage: Usage | null | undefined): number {
    return costOf(this.priceOf(model), usage);
  }
}
