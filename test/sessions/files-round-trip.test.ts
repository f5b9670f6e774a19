/**
 * Issue 13's files and vector stores travel in session files: a thread whose assistant
 * searches a vector store is exported with the CLI, imported into an empty data directory,
 * and read back through `/v1` of a second server: the same file objects and bytes, the same
 * vector store with its files, and the same search results. A file nothing exported names
 * stays behind; a second import skips everything; no handler secret is in the file; a file
 * whose bytes were altered is refused with nothing changed.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import OpenAI, { toFile } from 'openai';
import { describe, expect, it } from 'vitest';
import { startServe, tempDir } from '../v1/serve-process';
import { rowCounts, runCli } from './fixtures';

const SECRET_HEADER = 'Bearer sk-live-FILES-5ecret-31';
const PLANTED = 'The launch code for Project Lantern is amber-falcon-42.';

async function storeView(client: OpenAI, storeId: string, fileIds: string[]) {
  const store = await client.vectorStores.retrieve(storeId);
  const files = (await client.vectorStores.files.list(storeId, { order: 'asc' })).data;
  const search = await client.vectorStores.search(storeId, { query: 'launch code Lantern' });
  const contents: Record<string, string> = {};
  for (const id of fileIds) contents[id] = await (await client.files.content(id)).text();
  return {
    store: { ...store, last_active_at: null },
    files,
    objects: await Promise.all(fileIds.map((id) => client.files.retrieve(id))),
    contents,
    search: search.data.map((r) => ({ file_id: r.file_id, filename: r.filename, score: r.score, content: r.content })),
  };
}

describe('files and vector stores in session files', () => {
  it('round-trip through export and import, with secrets still scrubbed', async () => {
    const dirA = tempDir();
    const a = await startServe({ dataDir: dirA });
    let threadId: string;
    let storeId: string;
    let fileIds: string[];
    let strayId: string;
    let before: Awaited<ReturnType<typeof storeView>>;
    try {
      const client = a.client();
      const notes = await client.files.create({ file: await toFile(Buffer.from(`# Lantern\n\n${PLANTED}\nOther notes about the garden.`), 'lantern.md'), purpose: 'assistants' });
      const extra = await client.files.create({ file: await toFile(Buffer.from('Budget for the quarter: 12 units.'), 'budget.txt'), purpose: 'assistants' });
      strayId = (await client.files.create({ file: await toFile(Buffer.from('not part of the session'), 'stray.txt'), purpose: 'assistants' })).id;
      const store = await client.vectorStores.create({ name: 'Project docs', file_ids: [notes.id, extra.id] });
      storeId = store.id;
      fileIds = [notes.id, extra.id];
      for (;;) {
        const s = await client.vectorStores.retrieve(store.id);
        if (s.status === 'completed') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      const asst = await client.beta.assistants.create({ model: 'mock', name: 'Librarian', tools: [{ type: 'file_search' }], tool_resources: { file_search: { vector_store_ids: [store.id] } } });
      const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'What is the launch code?' }] });
      threadId = thread.id;
      const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: asst.id });
      expect(run.status).toBe('completed');
      before = await storeView(client, storeId, fileIds);
      expect(before.search[0]?.content[0]?.text).toContain('amber-falcon-42');
    } finally {
      await a.stop();
    }
    const dbA = path.join(dirA, 'runlens.db');
    const raw = new Database(dbA);
    const asstId = (raw.prepare('SELECT id FROM assistants').get() as { id: string }).id;
    raw.prepare('INSERT INTO handlers (assistant_id, function_name, updated_at, sequence_index, data) VALUES (?, ?, 0, 0, ?)').run(
      asstId,
      'get_weather',
      JSON.stringify({ mode: 'live', auto: true, live: { handler: 'webhook', url: 'http://127.0.0.1:9/w', headers: { Authorization: SECRET_HEADER } } }),
    );
    raw.close();

    const file = path.join(tempDir(), 'docs.runlens');
    expect((await runCli(['export', '--db', dbA, '--out', file, '--thread', threadId!])).code).toBe(0);
    const bytes = fs.readFileSync(file);
    expect(bytes.includes(Buffer.from('sk-live-FILES-5ecret-31'))).toBe(false);
    // A file carrying files is format 2: a RunLens that reads only format 1 refuses it rather than drop them.
    const manifest = new Database(file, { readonly: true });
    expect(manifest.prepare("SELECT value FROM manifest WHERE key = 'format_version'").pluck().get()).toBe('2');
    manifest.close();
    expect(bytes.includes(Buffer.from(PLANTED))).toBe(true);

    const dirB = tempDir();
    const dbB = path.join(dirB, 'runlens.db');
    const first = await runCli(['import', '--db', dbB, file]);
    expect(first.code).toBe(0);
    expect(first.out[0]).toMatch(/2 files, 1 vector stores, 2 vector store files\.$/);
    const second = await runCli(['import', '--db', dbB, file]);
    expect(second.out).toEqual(['Added nothing.', expect.stringMatching(/^Skipped \(already present\) 1 threads, .*2 files, 1 vector stores, 2 vector store files\.$/)]);

    // A copy whose file bytes were altered is refused whole.
    const altered = path.join(path.dirname(file), 'altered.runlens');
    fs.copyFileSync(file, altered);
    const edit = new Database(altered);
    edit.prepare("UPDATE files SET content = CAST('tampered' AS BLOB) WHERE id = ?").run(fileIds![1]);
    edit.close();
    const dirC = tempDir();
    const dbC = path.join(dirC, 'runlens.db');
    expect((await runCli(['import', '--db', dbC, file])).code).toBe(0);
    const countsC = rowCounts(dbC);
    const refused = await runCli(['import', '--db', dbC, altered]);
    expect(refused.code).toBe(1);
    expect(refused.err[0]).toMatch(/is damaged: the bytes of file file-\w+ do not match their SHA-256 or size\.$/);
    expect(rowCounts(dbC)).toEqual(countsC);

    const b = await startServe({ dataDir: dirB });
    try {
      const client = b.client();
      const after = await storeView(client, storeId!, fileIds!);
      expect(after).toEqual(before!);
      await expect(client.files.retrieve(strayId!)).rejects.toMatchObject({ status: 404 });
      expect((await client.beta.threads.retrieve(threadId!)).id).toBe(threadId!);
    } finally {
      await b.stop();
    }
  }, 120_000);
});
