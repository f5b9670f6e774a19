/**
 * All runs of a thread on one time axis: a row per run (status segments over step bars),
 * idle gaps between runs compressed like in the run view. Clicking a row opens that run's
 * full timeline below.
 */
import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useBridge } from '../../../bridge/context';
import { useStores } from '../../../stores';
import { formatDuration, statusLabel } from '../model/format';
import { ThreadEventsStore } from '../store/thread-events-store';
import { drawThread, THREAD_ROW_H } from './draw-thread';
import { fitViewport, zoomAt, LABEL_W, RULER_H, type Viewport } from './layout';
import { RunTimeline } from './run-timeline';
import { TIMELINE_CSS } from './styles';
import { readCanvasTheme } from './theme';

export function ThreadTimeline({ threadId }: { threadId: string }) {
  const bridge = useBridge();
  const cache = useStores().events;
  const store = useMemo(() => new ThreadEventsStore(bridge.api, cache, threadId), [bridge, cache, threadId]);
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  const tick = useSyncExternalStore(store.subscribe, store.getTick);
  const [selected, setSelected] = useState<string | null>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const vp = useRef<Viewport | null>(null);
  const fitted = useRef(true);
  const drag = useRef<{ x: number; offset: number; moved: boolean } | null>(null);
  const models = store.order.map((id) => store.runs.get(id)!);
  const height = RULER_H + 8 + models.length * THREAD_ROW_H;

  const draw = () => {
    const c = canvasRef.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const w = c.clientWidth || 800;
    c.width = Math.round(w * dpr);
    c.height = Math.round(height * dpr);
    if (!vp.current || fitted.current) vp.current = fitViewport(store.axis, w, height);
    vp.current = { ...vp.current, width: w, height };
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawThread(ctx, models, store.axis, vp.current, readCanvasTheme(c), selected);
  };
  useLayoutEffect(draw);

  useEffect(() => {
    const c = canvasRef.current;
    if (!c) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      if (!vp.current) return;
      fitted.current = false;
      const x = e.clientX - c.getBoundingClientRect().left;
      vp.current = e.shiftKey ? { ...vp.current, offset: vp.current.offset + e.deltaY } : zoomAt(store.axis, vp.current, Math.exp(-e.deltaY * 0.0015), Math.max(LABEL_W, x));
      requestAnimationFrame(draw);
    };
    c.addEventListener('wheel', onWheel, { passive: false });
    return () => c.removeEventListener('wheel', onWheel);
  });

  const rowAt = (clientY: number) => {
    const y = clientY - canvasRef.current!.getBoundingClientRect().top - RULER_H - 4;
    return models[Math.floor(y / THREAD_ROW_H)] ?? null;
  };

  return (
    <div className="tl-root" data-testid="thread-timeline" data-thread-id={threadId} data-tick={tick}>
      <style>{TIMELINE_CSS}</style>
      <div className="tl-head">
        <h2>Thread <code>{threadId}</code></h2>
        <span className="tl-muted">{models.length} runs</span>
        {store.loading && <span className="tl-muted">loading…</span>}
        {store.error && <span className="tl-err" role="alert">{store.error}</span>}
      </div>
      <div className="tl-canvas-wrap">
        <canvas
          ref={canvasRef}
          className="tl-canvas"
          data-testid="thread-timeline-canvas"
          role="img"
          aria-label={`Runs of thread ${threadId} on one time axis`}
          style={{ width: '100%', height }}
          onMouseDown={(e) => (drag.current = { x: e.clientX, offset: vp.current?.offset ?? 0, moved: false })}
          onMouseMove={(e) => {
            if (!drag.current || !vp.current) return;
            const dx = e.clientX - drag.current.x;
            if (Math.abs(dx) > 2) drag.current.moved = true;
            fitted.current = false;
            vp.current = { ...vp.current, offset: drag.current.offset - dx };
            requestAnimationFrame(draw);
          }}
          onMouseUp={(e) => {
            const moved = drag.current?.moved;
            drag.current = null;
            if (moved) return;
            const m = rowAt(e.clientY);
            if (m) setSelected(m.runId);
          }}
        />
      </div>
      <ul className="tl-thread-runs" aria-label="Runs">
        {models.map((m) => (
          <li key={m.runId}>
            <button type="button" className={m.runId === selected ? 'tl-step tl-step-selected' : 'tl-step'} data-testid="thread-run" data-run-id={m.runId} data-status={m.status ?? ''} onClick={() => setSelected(m.runId)}>
              <span className={`tl-dot tl-st-${m.status}`} aria-hidden="true" />
              {m.runId} · {statusLabel(m.status ?? 'unknown')} · {m.steps.length} steps · {formatDuration((m.lastTs ?? 0) - (m.firstTs ?? 0))}
            </button>
          </li>
        ))}
      </ul>
      {selected && <RunTimeline key={selected} threadId={threadId} runId={selected} />}
    </div>
  );
}
