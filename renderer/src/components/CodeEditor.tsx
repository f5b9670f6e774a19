import CodeMirror from '@uiw/react-codemirror';
import { json } from '@codemirror/lang-json';
import { markdown } from '@codemirror/lang-markdown';
import { EditorView } from '@codemirror/view';
import { useMemo } from 'react';
import { useUi } from '../stores';

export interface CodeEditorProps {
  value: string;
  onChange(value: string): void;
  language: 'json' | 'markdown';
  label: string;
  minHeight?: string;
  maxHeight?: string;
  invalid?: boolean;
}

function useDark(): boolean {
  const theme = useUi((s) => s.theme);
  if (theme !== 'system') return theme === 'dark';
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

/** A real code editor (CodeMirror) for instructions and JSON, themed with the app. */
export function CodeEditor({ value, onChange, language, label, minHeight = '80px', maxHeight = '320px', invalid }: CodeEditorProps) {
  const dark = useDark();
  const extensions = useMemo(() => [language === 'json' ? json() : markdown(), EditorView.lineWrapping, EditorView.contentAttributes.of({ 'aria-label': label })], [language, label]);
  return (
    <div className={`code-editor${invalid ? ' invalid' : ''}`}>
      <CodeMirror
        value={value}
        onChange={onChange}
        extensions={extensions}
        theme={dark ? 'dark' : 'light'}
        minHeight={minHeight}
        maxHeight={maxHeight}
        basicSetup={{ lineNumbers: language === 'json', foldGutter: false, highlightActiveLine: false, autocompletion: false }}
      />
    </div>
  );
}
