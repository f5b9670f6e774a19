/** The timeline's CSS, scoped under .tl-root and built only on the theme tokens. */
export const TIMELINE_CSS = `
.tl-root { container-type: inline-size; display: flex; flex-direction: column; gap: 10px; color: var(--fg); background: var(--bg); font: 13px var(--font-ui); padding: 10px; outline: none; min-width: 0; }
.tl-root > * { flex-shrink: 0; }
.tl-root:focus-visible { box-shadow: inset 0 0 0 2px var(--accent); }
.tl-head { display: flex; flex-wrap: wrap; gap: 12px; align-items: baseline; }
.tl-head h2 { font-size: 15px; margin: 0; text-transform: none; letter-spacing: normal; }
.tl-expanded { position: fixed; inset: 0; z-index: 1000; overflow: auto; box-shadow: 0 0 0 100vmax var(--bg); }
.tl-expand { margin-left: auto; background: var(--bg-elev); color: var(--fg); border: 1px solid var(--border); border-radius: var(--radius); padding: 2px 10px; font: inherit; cursor: pointer; }
.tl-root h3, .tl-root h4, .tl-root h5 { text-transform: none; letter-spacing: normal; }
.tl-muted { color: var(--fg-muted); }
.tl-err { color: var(--danger); }
.tl-body-failed { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 10px; }
.tl-body-failed > p { margin: 0; overflow-wrap: anywhere; min-width: 0; }
.tl-body-loaded:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; border-radius: var(--radius); }
.tl-pill { border-radius: 10px; padding: 1px 8px; color: var(--bg); font-size: 12px; background: var(--fg-muted); }
.tl-canvas-wrap { position: relative; border: 1px solid var(--border); border-radius: var(--radius); overflow: hidden; background: var(--bg); }
.tl-canvas { display: block; cursor: grab; }
.tl-canvas:active { cursor: grabbing; }
.tl-canvas:focus-visible { outline: 2px solid var(--accent); outline-offset: -2px; }
/* Under the lanes, not over them: the buttons must never cover a label. */
.tl-zoom { display: flex; justify-content: flex-end; gap: 2px; padding: 3px 6px; border-top: 1px solid var(--border); background: var(--bg-elev); }
.tl-zoom button, .tl-replay button { background: var(--bg-elev); color: var(--fg); border: 1px solid var(--border); border-radius: var(--radius); padding: 2px 8px; font: inherit; cursor: pointer; }
.tl-zoom button:hover, .tl-replay button:hover { background: var(--bg-hover); }
.tl-replay button:disabled { opacity: .5; cursor: default; }
.tl-tooltip { position: absolute; z-index: 2; pointer-events: none; background: var(--bg-elev); color: var(--fg); border: 1px solid var(--border); border-radius: var(--radius); padding: 6px 8px; font-size: 12px; max-width: 280px; box-shadow: 0 4px 14px rgba(0,0,0,.2); overflow-wrap: anywhere; }
.tl-replay { display: flex; align-items: center; gap: 6px; flex-wrap: wrap; }
.tl-replay input[type=range] { flex: 1 1 200px; accent-color: var(--accent); }
.tl-replay-pos { font: 12px var(--font-mono); color: var(--fg-muted); min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; max-width: 100%; }
.tl-live-on { border-color: var(--danger) !important; color: var(--danger) !important; }
.tl-keys { font-size: 11px; color: var(--fg-muted); }
.tl-main { display: grid; grid-template-columns: minmax(280px, 5fr) minmax(320px, 7fr); gap: 10px; align-items: start; }
@container (max-width: 760px) { .tl-main { grid-template-columns: 1fr; } .tl-cols { grid-template-columns: 1fr; } }
.tl-side { display: flex; flex-direction: column; gap: 10px; min-width: 0; }
.tl-diagram { margin: 0; border: 1px solid var(--border); border-radius: var(--radius); padding: 6px; background: var(--bg-elev); }
.tl-diagram svg { width: 100%; height: auto; display: block; }
.tl-edge path { stroke: var(--border); stroke-width: 1; }
.tl-edge-quiet path { stroke-dasharray: 3 3; }
.tl-edge-taken path { stroke: var(--accent); stroke-width: 2.5; }
.tl-edge-unexpected path { stroke: var(--st-failed); stroke-dasharray: 6 3; }
.tl-edge-label { fill: var(--fg); font-size: 11px; font-family: var(--font-ui); paint-order: stroke; stroke: var(--bg-elev); stroke-width: 3px; }
.tl-node rect { fill: var(--bg); stroke: var(--border); stroke-width: 1.2; }
.tl-node:not(.tl-node-visited) text { opacity: 0.8; }
.tl-node text { fill: var(--fg-muted); font-size: 12px; font-family: var(--font-ui); }
.tl-node-visited rect { stroke: var(--node-color); stroke-width: 2; }
.tl-node-visited text { fill: var(--fg); }
.tl-node-current rect { fill: var(--node-color); stroke: var(--fg); stroke-width: 2.5; }
.tl-node-current text { fill: var(--bg); font-weight: 600; }
circle.tl-node { fill: var(--fg-muted); }
.tl-countdown { margin-top: 4px; font-weight: 600; color: var(--st-requires_action); }
.tl-inspector { border: 1px solid var(--border); border-radius: var(--radius); padding: 8px 10px; background: var(--bg-elev); min-width: 0; overflow-wrap: anywhere; }
.tl-inspector h3 { margin: 0 0 6px; font-size: 14px; }
.tl-inspector h4 { margin: 10px 0 4px; font-size: 13px; }
.tl-inspector h5 { margin: 6px 0 2px; font-size: 12px; color: var(--fg-muted); font-weight: 600; }
.tl-inspector details { margin-top: 8px; }
.tl-inspector summary { cursor: pointer; color: var(--fg-muted); }
.tl-kv { display: grid; grid-template-columns: minmax(84px, max-content) 1fr; gap: 2px 10px; margin: 0; }
.tl-kv dt { color: var(--fg-muted); }
.tl-kv dd { margin: 0; min-width: 0; }
.tl-json, .tl-json pre { font: 12px/1.45 var(--font-mono); background: var(--bg-sunken); border-radius: var(--radius); padding: 6px 8px; margin: 0; max-height: 320px; overflow: auto; white-space: pre-wrap; word-break: break-word; }
.tl-json { padding: 0; background: none; }
pre.tl-json { padding: 6px 8px; background: var(--bg-sunken); }
.tl-text { white-space: pre-wrap; }
.tl-diff-add { background: color-mix(in srgb, var(--ok) 20%, transparent); }
.tl-diff-del { background: color-mix(in srgb, var(--danger) 20%, transparent); text-decoration: line-through; opacity: .8; }
.tl-cols { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.tl-cols > div { min-width: 0; }
.tl-call { border-top: 1px solid var(--border); margin-top: 8px; padding-top: 4px; }
.tl-call-selected { box-shadow: inset 3px 0 0 var(--accent); padding-left: 8px; }
.tl-events { width: 100%; border-collapse: collapse; font: 12px var(--font-mono); }
.tl-events th { text-align: left; color: var(--fg-muted); font-weight: 600; white-space: nowrap; }
@container (max-width: 520px) { .tl-events td:last-child > details > summary { max-width: 90px; } }
.tl-events td, .tl-events th { padding: 2px 6px 2px 0; border-bottom: 1px solid var(--border); vertical-align: top; }
.tl-events td:last-child { max-width: 300px; }
.tl-events td:last-child > details > summary { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.tl-events td:nth-child(2), .tl-events td:nth-child(3) { white-space: nowrap; }
.tl-segments { display: flex; flex-wrap: wrap; gap: 4px; list-style: none; margin: 0; padding: 0; }
.tl-segments li { border-left: 4px solid var(--c, var(--fg-muted)); background: var(--bg-elev); padding: 1px 6px; border-radius: 3px; font-size: 12px; }
.tl-steps { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 2px; max-height: 260px; overflow: auto; }
.tl-step { width: 100%; text-align: left; background: none; color: var(--fg); border: 1px solid transparent; border-radius: var(--radius); padding: 3px 6px; font: inherit; cursor: pointer; overflow-wrap: anywhere; }
.tl-step:hover { background: var(--bg-hover); }
.tl-step-selected { border-color: var(--accent); background: var(--bg-hover); }
.tl-dot { display: inline-block; width: 9px; height: 9px; border-radius: 50%; margin-right: 6px; background: var(--c, var(--fg-muted)); }
${['queued', 'in_progress', 'requires_action', 'cancelling', 'cancelled', 'failed', 'completed', 'incomplete', 'expired'].map((s) => `.tl-st-${s} { --c: var(--st-${s}); }`).join('\n')}
span.tl-st { color: var(--c); font-weight: 600; }
.tl-pill.tl-st { background: var(--c); color: var(--bg); }
.tl-legend { display: flex; flex-wrap: wrap; gap: 10px; font-size: 11px; color: var(--fg-muted); }
.tl-legend i { display: inline-block; width: 14px; height: 8px; margin-right: 4px; vertical-align: middle; border-radius: 2px; }
.tl-markers { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 2px; max-height: 140px; overflow: auto; font-size: 12px; }
.tl-markers button { background: none; border: none; color: var(--fg); font: inherit; text-align: left; padding: 1px 4px; cursor: pointer; overflow-wrap: anywhere; }
.tl-markers button:disabled { cursor: default; }
.tl-markers strong { color: var(--danger); }
.tl-marker-expired strong { color: var(--st-expired); }
.tl-marker-invalid_args strong { color: var(--warn); }
.tl-marker-cancelled strong { color: var(--fg-muted); }
.tl-marker-incomplete strong { color: var(--st-incomplete); }
.tl-thread-runs { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 6px; }
`;
