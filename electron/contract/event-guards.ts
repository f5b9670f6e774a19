/**
 * Type guards over the event log: which events carry a run, step or message snapshot.
 * They narrow `RunEventRecord` so readers get typed `data` without casts; the records
 * below must list every such type (a missing one is a compile error).
 */
import type { MessageEventType, RunEventRecord, RunEventType, RunStatusEventType, RunStepEventType } from './events';

const RUN_SNAPSHOT: Record<RunStatusEventType, true> = {
  'thread.run.created': true,
  'thread.run.queued': true,
  'thread.run.in_progress': true,
  'thread.run.requires_action': true,
  'thread.run.completed': true,
  'thread.run.incomplete': true,
  'thread.run.failed': true,
  'thread.run.cancelling': true,
  'thread.run.cancelled': true,
  'thread.run.expired': true,
};

const STEP_SNAPSHOT: Record<RunStepEventType, true> = {
  'thread.run.step.created': true,
  'thread.run.step.in_progress': true,
  'thread.run.step.completed': true,
  'thread.run.step.failed': true,
  'thread.run.step.cancelled': true,
  'thread.run.step.expired': true,
};

const MESSAGE_SNAPSHOT: Record<MessageEventType, true> = {
  'thread.message.created': true,
  'thread.message.in_progress': true,
  'thread.message.completed': true,
  'thread.message.incomplete': true,
};

const has = (table: Partial<Record<RunEventType, true>>, type: RunEventType): boolean => table[type] === true;

/** A `thread.run.<status>` or `thread.run.created` event: `data` is the run snapshot. */
export function isRunStatusEvent(event: RunEventRecord): event is RunEventRecord<RunStatusEventType> {
  return has(RUN_SNAPSHOT, event.type);
}

/** A step lifecycle event (not a delta): `data` is the step snapshot. */
export function isRunStepEvent(event: RunEventRecord): event is RunEventRecord<RunStepEventType> {
  return has(STEP_SNAPSHOT, event.type);
}

/** A message lifecycle event (not a delta): `data` is the message snapshot. */
export function isMessageEvent(event: RunEventRecord): event is RunEventRecord<MessageEventType> {
  return has(MESSAGE_SNAPSHOT, event.type);
}
