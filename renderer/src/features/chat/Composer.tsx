import { useEffect, useState, type KeyboardEvent } from 'react';
import { useAssistants, useStores, useUi } from '../../stores';
import { useRunActions } from './use-run-actions';

/**
 * Where the user writes: Ctrl/Cmd+Enter adds the message and runs the chosen assistant. The
 * picker follows the thread: opening a thread (or a run finishing on it) selects the assistant
 * of its last run, and a hint says whether the next run keeps that assistant.
 */
export function Composer({ locked, threadId, threadAssistantId = null }: { locked: boolean; threadId?: string; threadAssistantId?: string | null }) {
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const assistants = useAssistants((s) => s.list);
  const assistantId = useUi((s) => s.assistantId);
  const { ui } = useStores();
  const actions = useRunActions();
  const threadAssistant = assistants.find((a) => a.id === threadAssistantId) ?? null;
  const followId = threadAssistant?.id ?? null;
  useEffect(() => {
    if (followId) ui.getState().set({ assistantId: followId });
  }, [threadId, followId, ui]);

  const send = async () => {
    if (busy) return;
    setBusy(true);
    const ok = await actions.send(text);
    setBusy(false);
    if (ok) setText('');
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  };

  return (
    <div className="composer">
      <textarea
        data-composer
        aria-label="Message"
        placeholder={locked ? 'A run is active on this thread. Cancel it (Alt+X) or wait to send.' : 'Write a message… Ctrl/Cmd+Enter sends and runs'}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKey}
        rows={3}
      />
      <div className="composer-bar">
        <label className="inline-field">
          <span>Assistant</span>
          <select aria-label="Assistant for the run" value={assistantId ?? ''} onChange={(e) => ui.getState().set({ assistantId: e.target.value || null })}>
            {assistants.length === 0 ? <option value="">— create an assistant first —</option> : null}
            {assistantId && !assistants.some((a) => a.id === assistantId) ? <option value="">— choose —</option> : null}
            {assistants.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name || a.id} · {a.model}
              </option>
            ))}
          </select>
        </label>
        {threadAssistant ? (
          <ComposerHint text={threadAssistant.id === assistantId ? "the thread's last run used it" : `the thread's last run used ${threadAssistant.name || threadAssistant.id}`} />
        ) : null}
        <span className="spacer" />
        <span className="muted small composer-keys">Ctrl/Cmd+Enter</span>
        <button className="btn btn-primary" onClick={() => void send()} disabled={busy || locked || !assistantId} title="Send and run (Ctrl/Cmd+Enter)">
          {text.trim() ? 'Send & run' : 'Run'}
        </button>
      </div>
    </div>
  );
}

/** One line that gives way (ellipsis, whole text on hover) instead of wrapping the bar to four lines in a narrow chat column. */
function ComposerHint({ text }: { text: string }) {
  return (
    <span className="muted small composer-hint" data-testid="composer-assistant-hint" title={text}>
      {text}
    </span>
  );
}
