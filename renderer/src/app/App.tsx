import { useEffect } from 'react';
import { EmptyState } from '../components/EmptyState';
import { useAssistants, useStores, useUi } from '../stores';
import { AssistantEditor } from '../features/assistants/AssistantEditor';
import { AssistantList } from '../features/assistants/AssistantList';
import { ChatView } from '../features/chat/ChatView';
import { CommandPalette } from '../features/palette/CommandPalette';
import { useCommands } from '../features/palette/use-commands';
import { useShortcuts } from '../features/palette/use-shortcuts';
import { SettingsView } from '../features/settings/SettingsView';
import { ThreadList } from '../features/threads/ThreadList';
import { useThreadActions } from '../features/threads/use-thread-actions';
import { RightPanel } from './RightPanel';
import { ThemeSwitch, useApplyTheme } from './theme';

function Notice() {
  const notice = useUi((s) => s.notice);
  const { ui } = useStores();
  // Confirmations fade on their own; errors stay until dismissed.
  useEffect(() => {
    if (notice?.kind !== 'info') return;
    const t = setTimeout(() => ui.getState().set({ notice: null }), 4000);
    return () => clearTimeout(t);
  }, [notice, ui]);
  if (!notice) return null;
  return (
    <div className={`notice notice-${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
      <span>{notice.text}</span>
      <span className="spacer" />
      <button className="btn btn-small btn-ghost" onClick={() => ui.getState().set({ notice: null })} aria-label="Dismiss">
        ×
      </button>
    </div>
  );
}

function Main() {
  const view = useUi((s) => s.view);
  const threadId = useUi((s) => s.threadId);
  const assistantId = useUi((s) => s.assistantId);
  const assistant = useAssistants((s) => s.list.find((a) => a.id === assistantId) ?? null);
  const hasAssistants = useAssistants((s) => s.list.length > 0);
  const threadActions = useThreadActions();
  const { ui } = useStores();
  if (view === 'settings') return <SettingsView />;
  if (view === 'assistant') return <AssistantEditor key={assistant?.id ?? 'new'} assistant={assistant} />;
  if (threadId) return <ChatView threadId={threadId} />;
  return (
    <EmptyState
      title={hasAssistants ? 'Open a thread or start a new one' : 'Welcome to RunLens'}
      action={
        hasAssistants ? (
          <button className="btn btn-primary" onClick={() => void threadActions.create()}>
            New thread <kbd>Alt+N</kbd>
          </button>
        ) : (
          <button className="btn btn-primary" onClick={() => ui.getState().set({ view: 'assistant', assistantId: null })}>
            Create your first assistant
          </button>
        )
      }
    >
      {hasAssistants
        ? 'Pick a thread on the left, or create one and send a message with Ctrl/Cmd+Enter. Ctrl/Cmd+K opens the command palette.'
        : 'Create an assistant (the built-in “mock” model works offline), add a function, then start a thread and run it. Ctrl/Cmd+K opens the command palette.'}
    </EmptyState>
  );
}

/** The three-pane playground: sidebar (assistants, threads), main (chat or editor), right (options, inbox, timeline). */
export function App() {
  const paletteOpen = useUi((s) => s.paletteOpen);
  const { ui } = useStores();
  const commands = useCommands();
  useShortcuts();
  useApplyTheme();
  const wideRight = useUi((s) => s.rightTab === 'timeline');
  return (
    <div className={`app${wideRight ? ' wide-right' : ''}`}>
      <aside className="sidebar" aria-label="Sidebar">
        <div className="brand">
          <span className="brand-mark" aria-hidden>
            ◎
          </span>
          RunLens
          <span className="spacer" />
          <button className="btn btn-small btn-ghost" onClick={() => ui.getState().set({ paletteOpen: true })} title="Command palette (Ctrl/Cmd+K)">
            <kbd>Ctrl K</kbd>
          </button>
        </div>
        <AssistantList />
        <ThreadList />
        <div className="sidebar-foot">
          <ThemeSwitch />
          <button className="btn btn-small btn-ghost" onClick={() => ui.getState().set({ view: 'settings' })} aria-label="Settings" title="Settings: providers, local server, prices">
            ⚙ Settings
          </button>
        </div>
      </aside>
      <main className="main">
        <Notice />
        <Main />
      </main>
      <RightPanel />
      {paletteOpen ? <CommandPalette commands={commands} onClose={() => ui.getState().set({ paletteOpen: false })} /> : null}
    </div>
  );
}
