/**
 * Pushes to the window, held back until its page says it listens (`ready`), so nothing sent
 * during load is lost. A reload or crash makes the page not ready again until it says so anew.
 */
import type { WebContents } from 'electron';
import type { RunLensEventName, RunLensEvents } from '../contract/api';
import { PUSH_CHANNEL } from '../preload/channels';

/** Beyond this many waiting pushes the oldest are dropped; the page refetches snapshots when it starts anyway. */
export const MAX_QUEUED_PUSHES = 10_000;

interface Target {
  ready: boolean;
  queue: Array<[RunLensEventName, unknown]>;
}

export class PushQueue {
  private readonly targets = new Map<WebContents, Target>();

  /** Starts delivering to a web contents (queued until ready). */
  attach(contents: WebContents): void {
    const target: Target = { ready: false, queue: [] };
    this.targets.set(contents, target);
    contents.on('did-start-navigation', (details) => {
      if (details.isMainFrame && !details.isSameDocument) target.ready = false;
    });
    contents.on('render-process-gone', () => {
      target.ready = false;
    });
    contents.once('destroyed', () => this.targets.delete(contents));
  }

  /** The page listens now: deliver what waited, in order, then send directly. */
  markReady(contents: WebContents): void {
    const target = this.targets.get(contents);
    if (!target) return;
    for (const [name, payload] of target.queue.splice(0)) contents.send(PUSH_CHANNEL, name, payload);
    target.ready = true;
  }

  /** Sends to every ready page and queues for the others. */
  push<K extends RunLensEventName>(name: K, payload: RunLensEvents[K]): void {
    for (const [contents, target] of this.targets) {
      if (contents.isDestroyed()) continue;
      if (target.ready) {
        contents.send(PUSH_CHANNEL, name, payload);
      } else {
        target.queue.push([name, payload]);
        if (target.queue.length > MAX_QUEUED_PUSHES) target.queue.shift();
      }
    }
  }

  /** How many pushes wait for a page (tests). */
  queued(contents: WebContents): number {
    return this.targets.get(contents)?.queue.length ?? 0;
  }
}
