/**
 * Canvas colours come from the theme tokens (tokens.css), read with getComputedStyle so the
 * canvas follows light, dark and forced themes like the DOM does.
 */
import type { RunStatus } from '../../../../../electron/contract/objects';
import { RUN_STATUSES } from '../../../../../electron/contract/objects';

export interface CanvasTheme {
  bg: string;
  bgElev: string;
  bgSunken: string;
  fg: string;
  fgMuted: string;
  border: string;
  accent: string;
  danger: string;
  warn: string;
  ok: string;
  /** Live (real-world) executions on the tool-call lane. */
  live: string;
  st: Record<RunStatus, string>;
  font: string;
  mono: string;
}

const FALLBACK: Record<string, string> = {
  '--bg': '#ffffff', '--bg-elev': '#f6f7f9', '--bg-sunken': '#eef0f3', '--fg': '#1c2026', '--fg-muted': '#5d6673',
  '--border': '#d8dce3', '--accent': '#3b5bdb', '--danger': '#c92a2a', '--warn': '#c77700', '--ok': '#2b8a3e',
  '--font-ui': 'system-ui, sans-serif', '--font-mono': 'monospace',
};

/** Reads every colour the canvas uses from the computed style of `el`. */
export function readCanvasTheme(el: Element): CanvasTheme {
  const cs = getComputedStyle(el);
  const v = (name: string, fb = FALLBACK[name] ?? '#888888') => cs.getPropertyValue(name).trim() || fb;
  const st = {} as Record<RunStatus, string>;
  for (const s of RUN_STATUSES) st[s] = v(`--st-${s}`, '#888888');
  return {
    bg: v('--bg'), bgElev: v('--bg-elev'), bgSunken: v('--bg-sunken'), fg: v('--fg'), fgMuted: v('--fg-muted'), border: v('--border'),
    accent: v('--accent'), danger: v('--danger'), warn: v('--warn'), ok: v('--ok'), live: v('--live', '#0c8599'), st, font: v('--font-ui'), mono: v('--font-mono'),
  };
}
