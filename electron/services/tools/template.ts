/**
 * Mock output templates: `{{arguments}}`, `{{function}}` and `{{name}}` / `{{args.a.b}}`
 * (an argument). A template that is JSON is filled JSON-aware: inside a JSON string a value
 * is inserted escaped, outside one as a JSON value, so no argument can break the output.
 * An output that looks like JSON but does not parse comes back with a warning.
 */

const PLACEHOLDER = /\{\{\s*([A-Za-z_][\w.]*)\s*\}\}/g;

export interface RenderedTemplate {
  output: string;
  /** Set when the template looks like JSON (starts with `{` or `[`) but the output is not JSON. */
  warning: string | null;
}

function parseArgs(args: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(args);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // previews may show invalid arguments; they never reach a live handler
  }
  return null;
}

/** The value a placeholder names; undefined when it names nothing. */
function lookup(key: string, functionName: string, args: string, parsed: Record<string, unknown> | null): unknown {
  if (key === 'arguments') return parsed ?? args;
  if (key === 'function') return functionName;
  const path = key.startsWith('args.') ? key.slice(5) : key;
  let v: unknown = parsed ?? {};
  for (const part of path.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

interface Slot {
  start: number;
  end: number;
  key: string;
  inString: boolean;
}

/** Placeholders with whether each sits inside a JSON string literal of the template. */
function slots(template: string): Slot[] {
  const out: Slot[] = [];
  let inString = false;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '{' && template[i + 1] === '{') {
      PLACEHOLDER.lastIndex = i;
      const m = PLACEHOLDER.exec(template);
      if (m && m.index === i) {
        out.push({ start: i, end: i + m[0].length, key: m[1], inString });
        i += m[0].length - 1;
        continue;
      }
    }
    if (inString && c === '\\') i++;
    else if (c === '"') inString = !inString;
  }
  return out;
}

function looksLikeJson(text: string): boolean {
  const t = text.trimStart();
  return t.startsWith('{') || t.startsWith('[');
}

function jsonProblem(text: string): string | null {
  try {
    JSON.parse(text);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

/** Fills a template; see the module comment for the JSON rules. */
export function renderTemplateChecked(template: string, functionName: string, args: string): RenderedTemplate {
  const parsed = parseArgs(args);
  const found = slots(template);
  const probe = found.reduceRight((t, s) => t.slice(0, s.start) + (s.inString ? 'x' : '0') + t.slice(s.end), template);
  const jsonTemplate = looksLikeJson(template) && jsonProblem(probe) === null;
  let output: string;
  if (jsonTemplate) {
    output = found.reduceRight((t, s) => {
      const v = lookup(s.key, functionName, args, parsed);
      let text: string;
      if (s.key === 'arguments' && !s.inString && parsed !== null) text = args;
      else if (s.inString) {
        if (v === undefined) text = template.slice(s.start, s.end);
        else text = JSON.stringify(typeof v === 'string' ? v : JSON.stringify(v)).slice(1, -1);
      } else text = v === undefined ? 'null' : JSON.stringify(v);
      return t.slice(0, s.start) + text + t.slice(s.end);
    }, template);
  } else {
    output = found.reduceRight((t, s) => {
      const v = lookup(s.key, functionName, args, parsed);
      const text = s.key === 'arguments' ? args : v === undefined ? template.slice(s.start, s.end) : typeof v === 'string' ? v : JSON.stringify(v);
      return t.slice(0, s.start) + text + t.slice(s.end);
    }, template);
  }
  const problem = looksLikeJson(template) ? jsonProblem(output) : null;
  return {
    output,
    warning: problem === null ? null : `The output looks like JSON but is not valid JSON (${problem}); check the template.`,
  };
}

/** The filled template text (see renderTemplateChecked for the warning). */
export function renderTemplate(template: string, functionName: string, args: string): string {
  return renderTemplateChecked(template, functionName, args).output;
}
