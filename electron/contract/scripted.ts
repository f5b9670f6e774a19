/**
 * The scripted model's rules: offline rehearsal of a conversation design. Rules are tried in
 * order; the first whose condition holds acts. Templates use `{{name}}` for a regex's named
 * groups, `{{message}}` for the newest user message and `{{output.<function>}}` for what a
 * function returned in the round just answered.
 */
export type ScriptedCondition =
  | { type: 'contains'; text: string }
  | { type: 'regex'; pattern: string; flags?: string }
  | { type: 'after_function'; name: string }
  | { type: 'default' };

export type ScriptedAction =
  | { type: 'call'; calls: Array<{ name: string; arguments: string }> }
  | { type: 'reply'; template: string }
  | { type: 'fail'; code: 'server_error' | 'rate_limit_exceeded' | 'invalid_prompt'; message?: string };

export interface ScriptedRule {
  when: ScriptedCondition;
  then: ScriptedAction;
}

/** One saved version of a rule set (every save is kept). */
export interface ScriptedRuleSet {
  /** The assistant id (model `scripted`) or a free name (model `scripted/<name>`). */
  name: string;
  version: number;
  created_at: number;
  rules: ScriptedRule[];
}
