/**
 * The price table for the UI's cost figures (runs, model rounds), loaded once on first use;
 * the arithmetic is the contract's, shared with the services. Views rendered without the
 * app's stores (the standalone timeline) price with the defaults.
 */
import { useEffect, useState } from 'react';
import type { Usage } from '../../../../electron/contract/objects';
import { costOf, DEFAULT_PRICES, priceOf } from '../../../../electron/contract/pricing';
import type { ModelPrice } from '../../../../electron/contract/providers';
import { useOptionalStores } from '../../stores';

/** A function giving the dollars of `usage` on `model`. */
export function useCost(): (model: string, usage: Usage | null | undefined) => number {
  const stores = useOptionalStores();
  const [prices, setPrices] = useState<readonly ModelPrice[]>(() => (stores?.settings.getState().loaded ? stores.settings.getState().prices : DEFAULT_PRICES));
  useEffect(() => {
    if (!stores) return;
    const settings = stores.settings;
    if (!settings.getState().loaded) void settings.getState().load();
    else setPrices(settings.getState().prices);
    return settings.subscribe((s) => setPrices(s.prices));
  }, [stores]);
  return (model, usage) => costOf(priceOf(prices, model), usage);
}
