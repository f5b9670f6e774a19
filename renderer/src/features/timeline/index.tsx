/**
 * PLACEHOLDER owned by the timeline work (issue 6). The playground mounts these panels;
 * their props are the contract between the two.
 */
export interface RunTimelinePanelProps {
  threadId: string;
  runId: string;
}

export function RunTimelinePanel({ runId }: RunTimelinePanelProps) {
  return <div data-testid="run-timeline-placeholder">Timeline for {runId}</div>;
}

export interface ThreadTimelinePanelProps {
  threadId: string;
}

export function ThreadTimelinePanel({ threadId }: ThreadTimelinePanelProps) {
  return <div data-testid="thread-timeline-placeholder">Thread timeline for {threadId}</div>;
}
