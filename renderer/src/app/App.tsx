import { useEffect, useRef, useState } from 'react';
import { EmptyState } from '../components/EmptyState';
import { useAssistants, useStores, useUi } from '../stores';
import { AssistantEditor } from '../features/assistants/AssistantEditor';
import { AssistantList } from '../features/assistants/AssistantList';
import { ChatView } from '../features/chat/ChatView';
import { CommandPalette } from '../features/palette/CommandPalette';
import { WorkspaceConfigDialog } from '../features/workspace/WorkspaceConfigDialog';
import { useCommands } from '../features/palette/use-commands';
import { useShortcuts } from '../features/palette/use-shortcuts';
import { SettingsView } from '../features/settings/SettingsView';
import { ThreadList } from '../features/threads/ThreadList';
import { useThreadActions } from '../features/threads/use-thread-actions';
import { RightPanel } from './RightPanel';
import { ConnectionBanner } from './ConnectionBanner';
import { StorageBanner } from './StorageBanner';
import { ImportBanner } from './ImportBanner';
import { ReviewBanner } from './ReviewBanner';
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

/** True while the window is narrower than `px` (the run panel becomes a drawer below it). */
function useNarrow(px = 1000): boolean {
  const query = `(max-width: ${px}px)`;
  const [narrow, setNarrow] = useState(() => typeof matchMedia === 'function' && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const mq = matchMedia(query);
    const follow = () => setNarrow(mq.matches);
    follow();
    mq.addEventListener('change', follow);
    return () => mq.removeEventListener('change', follow);
  }, [query]);
  return narrow;
}

/**
 * In a narrow window the run panel is a drawer over the chat: a "Run panel" button opens it,
 * Escape or the backdrop closes it, and asking for a tab (e.g. a run's timeline) opens it.
 */
function useRunDrawer(narrow: boolean) {
  const [open, setOpen] = useState(false);
  const tab = useUi((s) => s.rightTab);
  const runId = useUi((s) => s.runId);
  const narrowRef = useRef(narrow);
  narrowRef.current = narrow;
  useEffect(() => {
    // Only what the user asks for once the app runs; startup restoring a tab opens nothing.
    if (narrowRef.current && document.documentElement.dataset.appState === 'ready') setOpen(true);
  }, [tab, runId]);
  useEffect(() => {
    if (!open || !narrow) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, narrow]);
  return { open: narrow && open, setOpen };
}

/** The three-pane playground: sidebar (assistants, threads), main (chat or editor), right (options, inbox, timeline); below 1000 px the right pane is a drawer. */
export function App() {
  const paletteOpen = useUi((s) => s.paletteOpen);
  const workspaceOpen = useUi((s) => s.workspaceOpen);
  const { ui } = useStores();
  const commands = useCommands();
  useShortcuts();
  useApplyTheme();
  const wideRight = useUi((s) => s.rightTab === 'timeline');
  const narrow = useNarrow();
  const drawer = useRunDrawer(narrow);
  return (
    <div className={`app${wideRight ? ' wide-right' : ''}${narrow ? ' narrow' : ''}${drawer.open ? ' drawer-open' : ''}`}>
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
        <ReviewBanner />
        <ConnectionBanner />
        <StorageBanner />
        <ImportBanner />
        <Notice />
        <Main />
      </main>
      {narrow ? (
        <button className="btn btn-small drawer-toggle" aria-expanded={drawer.open} aria-controls="run-panel" onClick={() => drawer.setOpen(!drawer.open)} title="Run options, inbox and timeline">
          Run panel
        </button>
      ) : null}
      {drawer.open ? <div className="drawer-backdrop" onClick={() => drawer.setOpen(false)} aria-hidden /> : null}
      <RightPanel />
      {workspaceOpen ? <WorkspaceConfigDialog onClose={() => ui.getState().set({ workspaceOpen: false })} /> : null}
      {paletteOpen ? <CommandPalette commands={commands} onClose={() => ui.getState().set({ paletteOpen: false })} /> : null}
    </div>
  );
}
