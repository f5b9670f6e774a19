/**
 * How the offline `mock` model drives the built-in tools (DESIGN.md, wave 2): a fenced
 * ```python block calls code_interpreter with its code, and after built-in results it answers
 * from them — file_search by quoting the best-matching sentence of the best hit with a
 * `file_citation` annotation, code_interpreter with its logs (and a `file_path` annotation per
 * file written).
 */
import { contentTerms, coverage } from '../builtin/search-index';

/** The code of the first fenced ```python (or ```py) block of a message, with its position. */
export function fencedPython(text: string): { code: string; at: number } | null {
  const m = /```(?:python|py)[^\n]*\n([\s\S]*?)```/i.exec(text);
  return m ? { code: m[1].replace(/\s+$/, ''), at: m.index } : null;
}

/** The sentence of `text` that shares the most content words with `query` (first on ties). */
export function bestSentence(text: string, query: string): string {
  const terms = contentTerms(query);
  const sentences = text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  let best = sentences[0] ?? text.trim();
  let bestScore = -1;
  for (const s of sentences) {
    const score = coverage(terms, s);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best.length > 600 ? `${best.slice(0, 600)}…` : best;
}

/** A reply with its annotations (indexes into `text`). */
export interface BuiltinReply {
  text: string;
  annotations: Array<Record<string, unknown>>;
}

interface SearchOutput {
  query?: string;
  results?: Array<{ file_id: string; file_name: string; score: number; text: string }>;
  errors?: Array<{ file_id: string; message: string }>;
  error?: string;
}

interface CodeOutput {
  logs?: string;
  error?: string | null;
  stopped?: string | null;
  files?: Array<{ file_id: string; filename: string; path: string }>;
}

function parse<T>(s: string): T | null {
  try {
    return JSON.parse(s) as T;
  } catch {
    return null;
  }
}

/** One line per result, in call order: functions as `name: output`, built-ins answered from their results. */
export function builtinReply(results: Array<{ name: string; output: string }>): BuiltinReply {
  let text = '';
  const annotations: Array<Record<string, unknown>> = [];
  let citation = 0;
  results.forEach((r, i) => {
    if (i > 0) text += '\n';
    if (r.name === 'file_search') {
      const out = parse<SearchOutput>(r.output);
      const best = out?.results?.[0];
      if (!out || out.error) text += `file_search failed: ${out?.error ?? r.output}`;
      else if (!best) {
        text += `file_search found nothing for "${out.query ?? ''}".`;
        if (out.errors?.length) text += ` ${out.errors.map((e) => e.message).join(' ')}`;
      } else {
        const quote = bestSentence(best.text, out.query ?? '');
        text += `According to ${best.file_name}: "${quote}" `;
        const marker = `【${i}:${citation}†${best.file_name}】`;
        annotations.push({
          type: 'file_citation',
          text: marker,
          start_index: text.length,
          end_index: text.length + marker.length,
          file_citation: { file_id: best.file_id, quote },
        });
        citation++;
        text += marker;
      }
    } else if (r.name === 'code_interpreter') {
      const out = parse<CodeOutput>(r.output);
      const logs = (out?.logs ?? r.output).trim();
      text += out?.stopped ? `code_interpreter stopped: ${out.error}` : out?.error ? `code_interpreter raised ${out.error}` : 'code_interpreter:';
      if (logs && !(out?.stopped && logs === out.error)) text += `\n${logs}`;
      for (const f of out?.files ?? []) {
        text += '\nWrote ';
        const link = `sandbox:${f.path}`;
        annotations.push({ type: 'file_path', text: link, start_index: text.length, end_index: text.length + link.length, file_path: { file_id: f.file_id } });
        text += link;
      }
    } else text += `${r.name}: ${r.output}`;
  });
  return { text, annotations };
}
