import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { RUN_TRANSITIONS } from '../../../electron/contract/run-lifecycle';
import type { RunStatus } from '../../../electron/contract/objects';
import { LIFECYCLE_NODES, NODE_H, NODE_W } from '../../../renderer/src/features/timeline/model/lifecycle-graph';
import { buildTimelineModel } from '../../../renderer/src/features/timeline/model/reduce';
import { layoutEdges } from '../../../renderer/src/features/timeline/view/lifecycle-geometry';
import { LifecycleDiagram } from '../../../renderer/src/features/timeline/view/lifecycle-diagram';
import { cancelledRun, multiRoundRun } from './event-fixtures';

afterEach(cleanup);

/** Every transition the contract's table allows, plus the entry edge. */
const allowed = (): string[] => ['start->queued', ...(Object.keys(RUN_TRANSITIONS) as RunStatus[]).flatMap((from) => RUN_TRANSITIONS[from].map((to) => `${from}->${to}`))];

function drawn(container: HTMLElement) {
  return [...container.querySelectorAll('[data-edge]')].map((g) => ({ edge: g.getAttribute('data-edge')!, taken: g.getAttribute('data-testid') === 'lifecycle-edge-taken', label: container.querySelector(`[data-edge-label="${g.getAttribute('data-edge')}"]`)?.textContent ?? null }));
}

describe('the lifecycle diagram', () => {
  it('draws exactly the transitions the contract allows, requires_action → failed and cancelling → incomplete included', () => {
    const { container } = render(<LifecycleDiagram model={buildTimelineModel(multiRoundRun().events)} now={Date.now()} />);
    const edges = drawn(container).map((e) => e.edge);
    expect(edges).toEqual(expect.arrayContaining(['requires_action->failed', 'cancelling->incomplete']));
    expect([...edges].sort()).toEqual(allowed().sort());
  });

  it('draws the path the run took strong, with counts and times, and the rest quiet and unlabelled', () => {
    const { container } = render(<LifecycleDiagram model={buildTimelineModel(cancelledRun().events)} now={Date.now()} />);
    const edges = drawn(container);
    expect(edges.filter((e) => e.taken).map((e) => e.edge)).toEqual(['start->queued', 'queued->in_progress', 'in_progress->requires_action', 'requires_action->cancelling', 'cancelling->cancelled']);
    for (const e of edges.filter((x) => x.taken && !x.edge.startsWith('start'))) expect(e.label).toMatch(/^×1 · \+/);
    expect(edges.filter((e) => !e.taken).every((e) => e.label === null && container.querySelector(`[data-edge="${e.edge}"]`)?.classList.contains('tl-edge-quiet'))).toBe(true);
    // the run's path is painted last, over the quiet edges
    const order = edges.map((e) => e.taken);
    expect(order.indexOf(true)).toBeGreaterThan(order.lastIndexOf(false));
  });

  it('runs every edge from its source to its target, so each arrow points the way the run moves', () => {
    const pairs = allowed().map((k) => k.split('->') as [RunStatus | 'start', RunStatus]);
    const geometry = layoutEdges(pairs.map(([from, to]) => ({ from, to })));
    const on = (id: string, p: { x: number; y: number }) => {
      const n = LIFECYCLE_NODES.find((x) => x.id === id)!;
      const r = id === 'start' ? 8 : 0;
      return Math.abs(p.x - n.x) <= NODE_W / 2 + r && Math.abs(p.y - n.y) <= NODE_H / 2 + r;
    };
    for (const [from, to] of pairs) {
      const g = geometry.get(`${from}->${to}`)!;
      expect(on(from, g.start), `${from}->${to} starts at ${from}`).toBe(true);
      expect(on(to, g.end), `${from}->${to} ends at ${to}`).toBe(true);
    }
  });
});
