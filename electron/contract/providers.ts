/**
 * What the UI and the services say about live model providers, probes and prices. Keys never
 * appear here: the UI only learns whether one is set.
 */

/** Where a provider entry comes from: the app's settings, the workspace config, or the environment. */
export type ProviderSource = 'settings' | 'config' | 'env';

export interface ProviderInfo {
  /** The prefix of its model names: `<name>/<model>`. */
  name: string;
  base_url: string;
  /** The preset it was made from (`openai`, `ollama`, …), or null. */
  preset: string | null;
  source: ProviderSource;
  has_key: boolean;
  /** Only settings entries can be edited and removed in the app. */
  editable: boolean;
}

export interface ProviderInput {
  name: string;
  base_url: string;
  preset?: string | null;
  /** A new key to store; omitted keeps the stored one, '' clears it. */
  api_key?: string;
}

export interface ProviderPreset {
  id: string;
  label: string;
  base_url: string;
  needs_key: boolean;
}

/** Each capability the probe checks: verified, failed (tried and wrong), or not claimed (the model would not try). */
export type ProbeVerdict = 'verified' | 'failed' | 'not_claimed';

export const PROBE_CHECKS = ['streaming', 'tool_call', 'parallel_tool_calls', 'schema_valid_arguments', 'tool_results_honoured', 'json_schema_output'] as const;
export type ProbeCheck = (typeof PROBE_CHECKS)[number];

export interface ProbeResult {
  model: string;
  probed_at: number;
  checks: Record<ProbeCheck, { verdict: ProbeVerdict; detail: string }>;
  /** A whole-probe failure (unreachable, 401…), else null. */
  error: string | null;
}

/** Prices in US dollars per million tokens. */
export interface ModelPrice {
  model: string;
  input_per_mtok: number;
  output_per_mtok: number;
}

export interface ProviderTestResult {
  ok: boolean;
  message: string;
  models: string[];
}
