/**
 * Files attached to assistants and threads (issue 13): what each target holds, uploads in
 * flight with their errors, and image outputs loaded for display. Absent file support (the
 * in-memory demo API) is a state the UI explains, not an error.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AttachedFiles, FileTarget, RunLensBridge } from '../../../electron/contract/api';
import { errorMessage } from './errors';

export type FileTool = 'file_search' | 'code_interpreter';

export interface FilesState {
  /** False when the transport serves no file store. */
  available: boolean;
  byTarget: Record<string, AttachedFiles>;
  /** Names being uploaded per target. */
  uploading: Record<string, string[]>;
  /** Last upload or load error per target. */
  errors: Record<string, string | null>;
  /** data: URLs of images by file id ('' while loading, null when it failed). */
  images: Record<string, string | null>;
  load(target: FileTarget): Promise<void>;
  upload(target: FileTarget, files: File[], tools: FileTool[]): Promise<void>;
  detach(target: FileTarget, fileId: string): Promise<void>;
  loadImage(fileId: string): Promise<void>;
}

export type FilesStore = StoreApi<FilesState>;

/** The key of a target in the maps. */
export function targetKey(t: FileTarget): string {
  return `${t.kind}:${t.id}`;
}

function base64Of(buffer: ArrayBuffer): string {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function createFilesStore(bridge: RunLensBridge): FilesStore {
  const api = bridge.api.files;
  return createStore<FilesState>((set, get) => ({
    available: !!api,
    byTarget: {},
    uploading: {},
    errors: {},
    images: {},
    async load(target) {
      if (!api) return;
      const key = targetKey(target);
      try {
        const files = await api.attached(target);
        set((s) => ({ byTarget: { ...s.byTarget, [key]: files } }));
      } catch (error) {
        set((s) => ({ errors: { ...s.errors, [key]: errorMessage(error) } }));
      }
    },
    async upload(target, files, tools) {
      if (!api || files.length === 0) return;
      const key = targetKey(target);
      const names = files.map((f) => f.name);
      set((s) => ({ uploading: { ...s.uploading, [key]: [...(s.uploading[key] ?? []), ...names] }, errors: { ...s.errors, [key]: null } }));
      const problems: string[] = [];
      for (const file of files) {
        try {
          await api.upload(target, { filename: file.name, content_base64: base64Of(await file.arrayBuffer()), tools });
        } catch (error) {
          problems.push(`${file.name}: ${errorMessage(error)}`);
        }
        set((s) => {
          const list = [...(s.uploading[key] ?? [])];
          list.splice(list.indexOf(file.name), 1);
          return { uploading: { ...s.uploading, [key]: list } };
        });
      }
      if (problems.length > 0) set((s) => ({ errors: { ...s.errors, [key]: problems.join('\n') } }));
      await get().load(target);
    },
    async detach(target, fileId) {
      if (!api) return;
      const key = targetKey(target);
      try {
        const files = await api.detach(target, fileId);
        set((s) => ({ byTarget: { ...s.byTarget, [key]: files } }));
      } catch (error) {
        set((s) => ({ errors: { ...s.errors, [key]: errorMessage(error) } }));
      }
    },
    async loadImage(fileId) {
      if (!api || fileId in get().images) return;
      set((s) => ({ images: { ...s.images, [fileId]: '' } }));
      try {
        const c = await api.content(fileId);
        set((s) => ({ images: { ...s.images, [fileId]: `data:${c.mime};base64,${c.content_base64}` } }));
      } catch {
        set((s) => ({ images: { ...s.images, [fileId]: null } }));
      }
    },
  }));
}
