/**
 * Scripted rule sets in SQLite, every save kept as a new version (the newest one is used).
 * Rules are checked whole before anything is stored: a bad regex, an unknown condition or
 * action, or arguments that are not a JSON template are refused with the rule's index.
 * An assistant's own set (named by its id) is kept with the assistant's versions: each save
 * records the assistant version it was made with, so the rules of any version can be found.
 */
import type { ScriptedRule, ScriptedRuleSet } from '../../contract/scripted';
import type { Db } from '../db/database';
import { ApiError } from '../runtime/api-error';

const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

function bad(i: number, what: string): never {
  throw new ApiError(400, `Rule ${i + 1}: ${what}`, 'invalid_request_error', `rules[${i}]`);
}

/** Checks rules; returns them unchanged or throws a 400 naming the first bad rule. */
export function checkRules(rules: unknown): ScriptedRule[] {
  if (!Array.isArray(rules)) throw new ApiError(400, 'Rules must be a JSON array.', 'invalid_request_error', 'rules');
  if (rules.length > 200) throw new ApiError(400, 'At most 200 rules.', 'invalid_request_error', 'rules');
  rules.forEach((r: Partial<ScriptedRule> | null, i) => {
    if (!r || typeof r !== 'object' || !r.when || !r.then) bad(i, 'needs "when" and "then".');
    const w = r.when;
    if (w.type === 'contains') {
      if (typeof w.text !== 'string' || !w.text) bad(i, '"contains" needs a non-empty "text".');
    } else if (w.type === 'regex') {
      try {
        new RegExp(w.pattern, w.flags ?? 'i');
      } catch (error) {
        bad(i, `invalid regex: ${(error as Error).message}`);
      }
    } else if (w.type === 'after_function') {
      if (typeof w.name !== 'string' || !w.name) bad(i, '"after_function" needs a function "name".');
    } else if (w.type !== 'default') bad(i, `unknown condition '${String((w as { type?: unknown }).type)}' (contains, regex, after_function, default).`);
    const t = r.then;
    if (t.type === 'call') {
      if (!Array.isArray(t.calls) || t.calls.length === 0) bad(i, '"call" needs at least one entry in "calls".');
      for (const c of t.calls) if (!c || typeof c.name !== 'string' || typeof c.arguments !== 'string') bad(i, 'each call needs "name" and "arguments" (a JSON template string).');
    } else if (t.type === 'reply') {
      if (typeof t.template !== 'string') bad(i, '"reply" needs a "template".');
    } else if (t.type === 'fail') {
      if (!['server_error', 'rate_limit_exceeded', 'invalid_prompt'].includes(t.code)) bad(i, '"fail" needs a code: server_error, rate_limit_exceeded or invalid_prompt.');
    } else bad(i, `unknown action '${String((t as { type?: unknown }).type)}' (call, reply, fail).`);
  });
  return rules as ScriptedRule[];
}

export class ScriptedRuleStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => number = Date.now,
  ) {
    db.exec(`CREATE TABLE IF NOT EXISTS scripted_rule_sets (
      name TEXT NOT NULL, version INTEGER NOT NULL, created_at INTEGER NOT NULL, rules TEXT NOT NULL, PRIMARY KEY (name, version))`);
    // Older databases: rule sets saved before they were kept with assistant versions count as v0's.
    const columns = db.prepare('PRAGMA table_info(scripted_rule_sets)').all() as Array<{ name: string }>;
    if (!columns.some((c) => c.name === 'assistant_version')) db.exec('ALTER TABLE scripted_rule_sets ADD COLUMN assistant_version INTEGER');
  }

  private static row(r: { name: string; version: number; created_at: number; rules: string }): ScriptedRuleSet {
    return { name: r.name, version: r.version, created_at: r.created_at, rules: JSON.parse(r.rules) as ScriptedRule[] };
  }

  /** The newest version, or null when none was saved. */
  latest(name: string): ScriptedRuleSet | null {
    const row = this.db.prepare('SELECT name, version, created_at, rules FROM scripted_rule_sets WHERE name = ? ORDER BY version DESC LIMIT 1').get(name) as
      | { name: string; version: number; created_at: number; rules: string }
      | undefined;
    return row ? ScriptedRuleStore.row(row) : null;
  }

  /** The rules an assistant had at its version `assistantVersion` (the newest saved with it or before); null when none. */
  atAssistantVersion(assistantId: string, assistantVersion: number): ScriptedRuleSet | null {
    const row = this.db
      .prepare('SELECT name, version, created_at, rules FROM scripted_rule_sets WHERE name = ? AND COALESCE(assistant_version, 0) <= ? ORDER BY version DESC LIMIT 1')
      .get(assistantId, assistantVersion) as { name: string; version: number; created_at: number; rules: string } | undefined;
    return row ? ScriptedRuleStore.row(row) : null;
  }

  versions(name: string): ScriptedRuleSet[] {
    const rows = this.db.prepare('SELECT name, version, created_at, rules FROM scripted_rule_sets WHERE name = ? ORDER BY version DESC').all(name) as Array<{ name: string; version: number; created_at: number; rules: string }>;
    return rows.map((r) => ScriptedRuleStore.row(r));
  }

  /** Checks a set's name and rules; returns the rules or throws a 400 (nothing is stored). */
  check(name: string, rules: unknown): ScriptedRule[] {
    if (typeof name !== 'string' || !NAME.test(name)) throw new ApiError(400, 'Invalid rule set name: letters, digits, "_", "-", "." (at most 128).', 'invalid_request_error', 'name');
    return checkRules(rules);
  }

  /** Saves a new version after checking every rule; `assistantVersion`: the assistant version it is kept with. */
  save(name: string, rules: unknown, assistantVersion: number | null = null): ScriptedRuleSet {
    const checked = this.check(name, rules);
    const version = (this.latest(name)?.version ?? 0) + 1;
    const created_at = Math.floor(this.now() / 1000);
    this.db.prepare('INSERT INTO scripted_rule_sets (name, version, created_at, rules, assistant_version) VALUES (?, ?, ?, ?, ?)').run(name, version, created_at, JSON.stringify(checked), assistantVersion);
    return { name, version, created_at, rules: checked };
  }
}
