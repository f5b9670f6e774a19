/**
 * The canvas timeline: draws the lanes imperatively in requestAnimationFrame, so panning and
 * zooming never re-render React. Wheel zooms around the pointer, drag or shift+wheel pans,
 * +/−/0 zoom from the keyboard, click selects a step (or a call), hover shows details.
 * Until the user zooms or pans, the view keeps the whole run in frame (live runs grow).
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type MouseEvent as ReactMouseEvent } from 'react';
import type { TimeAxis } from '../model/time-axis';
import type { TimelineModel } from '../model/types';
import { drawTimeline } from './draw-timeline';
import { hitTest, type Hit } from './hit-test';
import { fitViewport, laneLayout, maxCallsPerStep, screenX, timeAtX, zoomAt, LABEL_W, type LaneLayout, type Viewport } from './layout';
import { readCanvasTheme, type CanvasTheme } from './theme';
import { HitDetails } from './hit-details';

export interface TimelineCanvasProps {
  model: TimelineModel;
  version: number;
  axis: TimeAxis;
  openEnd: number;
  cursorTs: number | null;
  selectedStepId: string | null;
  onSelect(stepId: string, callId: string | null): void;
  /** Called (debounced) with the visible time window after zoom/pan/resize. */
  onVisibleRange?(t0: number, t1: number): void;
}

/**
 * Where the step bars are on the canvas ("id:x0:x1:y:h;…", CSS px), published on the element
 * for tests and automation while few enough steps are in view (≤ 60).
 */
function stepBoxes(model: TimelineModel, axis: TimeAxis, vp: Viewport, layout: LaneLayout, openEnd: number): string {
  const lane = layout.lanes.find((l) => l.id === 'steps')!;
  const t0 = timeAtX(axis, vp, LABEL_W);
  const t1 = timeAtX(axis, vp, vp.width);
  const out: string[] = [];
  for (const s of model.steps) {
    const end = s.end ?? openEnd;
    if (end < t0 || s.start > t1) continue;
    if (out.length >= 60) return '';
    const x0 = Math.max(LABEL_W, screenX(axis, vp, s.start));
    const x1 = Math.min(vp.width, Math.max(x0 + 2, screenX(axis, vp, end)));
    out.push(`${s.id}:${x0.toFixed(1)}:${x1.toFixed(1)}:${lane.y}:${lane.h}`);
  }
  return out.join(';');
}

export function TimelineCanvas(props: TimelineCanvasProps) {
  const { model, version, axis, openEnd, cursorTs, selectedStepId, onSelect, onVisibleRange } = props;
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const vpRef = useRef<Viewport | null>(null);
  const fitted = useRef(true);
  const themeRef = useRef<CanvasTheme | null>(null);
  const frame = useRef(0);
  const painted = useRef(false);
  const drag = useRef<{ x: number; offset: number; moved: boolean } | null>(null);
  const [width, setWidth] = useState(800);
  const [hover, setHover] = useState<{ x: number; y: number; hit: Hit } | null>(null);
  const maxCalls = useMemo(() => maxCallsPerStep(model), [model, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const layout = useMemo(() => laneLayout(maxCalls), [maxCalls]);
  const latest = useRef({ model, axis, openEnd, cursorTs, selectedStepId, layout, hoverStepId: null as string | null, onVisibleRange });
  latest.current = { ...latest.current, model, axis, openEnd, cursorTs, selectedStepId, layout, onVisibleRange };
  const rangeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const draw = useCallback(() => {
    frame.current = 0;
    const canvas = canvasRef.current;
    if (!canvas) return;
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    const L = latest.current;
    const dpr = window.devicePixelRatio || 1;
    const w = width;
    const h = L.layout.height;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
    }
    if (!vpRef.current || fitted.current) vpRef.current = fitViewport(L.axis, w, h);
    vpRef.current = { ...vpRef.current, width: w, height: h };
    themeRef.current ??= readCanvasTheme(canvas);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    const t0 = performance.now();
    drawTimeline(ctx, L.model, vpRef.current, themeRef.current, {
      axis: L.axis,
      layout: L.layout,
      openEnd: L.openEnd,
      selectedStepId: L.selectedStepId,
      hoverStepId: L.hoverStepId,
      cursorTs: L.cursorTs,
    });
    canvas.dataset.drawMs = (performance.now() - t0).toFixed(2);
    canvas.dataset.stepBoxes = stepBoxes(L.model, L.axis, vpRef.current, L.layout, L.openEnd);
    if (!painted.current && L.model.events.length) {
      painted.current = true;
      performance.mark('timeline-painted');
      canvas.dataset.painted = 'true';
    }
    if (L.onVisibleRange) {
      if (rangeTimer.current) clearTimeout(rangeTimer.current);
      const vp = vpRef.current;
      rangeTimer.current = setTimeout(() => L.onVisibleRange?.(timeAtX(L.axis, vp, LABEL_W), timeAtX(L.axis, vp, vp.width)), 120);
    }
  }, [width]);

  const requestDraw = useCallback(() => {
    if (!frame.current) frame.current = requestAnimationFrame(draw);
  }, [draw]);

  useLayoutEffect(() => {
    requestDraw();
  }, [requestDraw, model, version, axis, openEnd, cursorTs, selectedStepId, layout]);

  useEffect(() => () => {
    if (frame.current) cancelAnimationFrame(frame.current);
    if (rangeTimer.current) clearTimeout(rangeTimer.current);
  }, []);

  useEffect(() => {
    const el = wrapRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    setWidth(el.clientWidth || 800);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth || 800));
    ro.observe(el);
    // theme switches (data-theme on <html>, or the OS scheme) change the canvas colours
    const mo = new MutationObserver(() => {
      themeRef.current = null;
      requestDraw();
    });
    mo.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
    const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
    const onScheme = () => {
      themeRef.current = null;
      requestDraw();
    };
    mq?.addEventListener?.('change', onScheme);
    return () => {
      ro.disconnect();
      mo.disconnect();
      mq?.removeEventListener?.('change', onScheme);
    };
  }, [requestDraw]);

  const pointer = (e: { clientX: number; clientY: number }) => {
    const r = canvasRef.current!.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };

  const zoom = (factor: number, anchorX: number) => {
    const vp = vpRef.current;
    if (!vp) return;
    fitted.current = false;
    vpRef.current = zoomAt(latest.current.axis, vp, factor, Math.max(LABEL_W, anchorX));
    requestDraw();
  };
  const pan = (dx: number) => {
    const vp = vpRef.current;
    if (!vp) return;
    fitted.current = false;
    vpRef.current = { ...vp, offset: vp.offset + dx };
    requestDraw();
  };

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const { x } = pointer(e);
      if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) pan(e.shiftKey ? e.deltaY : e.deltaX);
      else zoom(Math.exp(-e.deltaY * 0.0015), x);
    };
    canvas.addEventListener('wheel', onWheel, { passive: false });
    return () => canvas.removeEventListener('wheel', onWheel);
  });

  const hitAt = (x: number, y: number): Hit | null => {
    const vp = vpRef.current;
    if (!vp || x < LABEL_W) return null;
    const L = latest.current;
    return hitTest(L.model, L.axis, vp, L.layout, L.openEnd, x, y);
  };

  const onMouseMove = (e: ReactMouseEvent) => {
    const p = pointer(e);
    if (drag.current) {
      const dx = p.x - drag.current.x;
      if (Math.abs(dx) > 2) drag.current.moved = true;
      if (vpRef.current) vpRef.current = { ...vpRef.current, offset: drag.current.offset - dx };
      fitted.current = false;
      requestDraw();
      return;
    }
    const hit = hitAt(p.x, p.y);
    const stepId = hit?.kind === 'step' ? hit.step.id : hit?.kind === 'call' ? hit.step.id : null;
    if (stepId !== latest.current.hoverStepId) {
      latest.current.hoverStepId = stepId;
      requestDraw();
    }
    setHover(hit ? { ...p, hit } : null);
  };

  const onMouseDown = (e: ReactMouseEvent) => {
    const p = pointer(e);
    drag.current = { x: p.x, offset: vpRef.current?.offset ?? 0, moved: false };
  };
  const onMouseUp = (e: ReactMouseEvent) => {
    const d = drag.current;
    drag.current = null;
    if (d?.moved) return;
    const p = pointer(e);
    const hit = hitAt(p.x, p.y);
    if (hit?.kind === 'step') onSelect(hit.step.id, null);
    else if (hit?.kind === 'call') onSelect(hit.step.id, hit.call.callId);
    else if (hit?.kind === 'marker' && hit.marker.stepId) onSelect(hit.marker.stepId, hit.marker.callId);
  };

  const onKeyDown = (e: ReactKeyboardEvent) => {
    const mid = (vpRef.current?.width ?? width) / 2;
    if (e.key === '+' || e.key === '=') zoom(1.5, mid);
    else if (e.key === '-') zoom(1 / 1.5, mid);
    else if (e.key === '0') {
      fitted.current = true;
      requestDraw();
    } else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="tl-canvas-wrap" ref={wrapRef}>
      <canvas
        ref={canvasRef}
        className="tl-canvas"
        data-testid="timeline-canvas"
        tabIndex={0}
        role="img"
        aria-label={`Run timeline: ${model.segments.length} status segments, ${model.steps.length} steps, ${model.markers.length} markers. Wheel to zoom, drag to pan, 0 to fit.`}
        style={{ width: '100%', height: layout.height }}
        onMouseMove={onMouseMove}
        onMouseDown={onMouseDown}
        onMouseUp={onMouseUp}
        onMouseLeave={() => {
          drag.current = null;
          setHover(null);
        }}
        onKeyDown={onKeyDown}
      />
      {hover && <HitDetails hit={hover.hit} x={hover.x} y={hover.y} base={model.firstTs ?? 0} openEnd={openEnd} width={width} />}
      <div className="tl-zoom">
        <button type="button" onClick={() => zoom(1.5, (vpRef.current?.width ?? width) / 2)} aria-label="Zoom in">+</button>
        <button type="button" onClick={() => zoom(1 / 1.5, (vpRef.current?.width ?? width) / 2)} aria-label="Zoom out">−</button>
        <button type="button" onClick={() => { fitted.current = true; requestDraw(); }} aria-label="Fit the whole run">Fit</button>
      </div>
    </div>
  );
}
