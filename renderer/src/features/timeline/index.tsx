/**
 * The timeline feature's public surface. The playground mounts these two panels; their
 * props are the contract between the two features.
 */
import { RunTimeline } from './view/run-timeline';
import { ThreadTimeline } from './view/thread-timeline';

export interface RunTimelinePanelProps {
  threadId: string;
  runId: string;
}

/** A run's timeline, lifecycle diagram, inspector and replay; follows the run live. */
export function RunTimelinePanel({ threadId, runId }: RunTimelinePanelProps) {
  return <RunTimeline key={runId} threadId={threadId} runId={runId} />;
}

export interface ThreadTimelinePanelProps {
  threadId: string;
}

/** Every run of a thread on one time axis; picking a run opens its full timeline. */
export function ThreadTimelinePanel({ threadId }: ThreadTimelinePanelProps) {
  return <ThreadTimeline key={threadId} threadId={threadId} />;
}
