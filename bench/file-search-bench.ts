/**
 * file_search cost: indexing throughput (extract → chunk → FTS5) and the p50 of a ranked
 * search (`SearchIndex.search`: BM25 plus RunLens's 0–1 scoring) over a store of many chunks,
 * against the same FTS5 MATCH … ORDER BY bm25 query run raw on the same table, same run.
 * Headline keys: `file_search_p50_ms`, `file_search_ratio` (ours ÷ raw), `file_index_mb_per_s`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../electron/services/db/database';
import { FileStore } from '../electron/services/builtin/file-store';
import { VectorStores } from '../electron/services/builtin/vector-stores';

const WORDS = 'budget harbour lantern committee schedule invoice parking garden quarterly staffing falcon amber river window engine report policy travel'.split(' ');

function document(seed: number, paragraphs: number): string {
  let x = seed;
  const next = (): number => (x = (x * 1103515245 + 12345) % 2147483648);
  const out: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const words: string[] = [];
    for (let w = 0; w < 60; w++) words.push(WORDS[next() % WORDS.length]);
    out.push(`${words.join(' ')}.`);
  }
  return out.join('\n');
}

function p50(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function run({ quick }: { quick: boolean }): Promise<Record<string, number>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'runlens-fs-bench-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  try {
    const files = new FileStore(db, dir, Date.now);
    const stores = new VectorStores(db, files, Date.now);
    const store = stores.create({ name: 'bench' });
    const nFiles = quick ? 40 : 200;
    let bytes = 0;
    const t0 = performance.now();
    for (let i = 0; i < nFiles; i++) {
      const text = document(i + 1, 80);
      bytes += Buffer.byteLength(text);
      const f = files.create(`doc-${i}.txt`, 'assistants', Buffer.from(text));
      stores.addFile(store.id, f.id, { type: 'static', static: { max_chunk_size_tokens: 200, chunk_overlap_tokens: 50 } }, null, null);
    }
    await stores.idle();
    const indexSeconds = (performance.now() - t0) / 1000;
    const chunks = (db.prepare('SELECT count(*) AS n FROM file_chunks').get() as { n: number }).n;

    const queries = ['lantern falcon amber', 'quarterly budget report', 'harbour parking policy', 'travel engine window river'];
    const raw = db.prepare(`SELECT text, file_id, bm25(file_chunks) AS r FROM file_chunks WHERE file_chunks MATCH ? AND store_id = ? ORDER BY r LIMIT 50`);
    const rounds = quick ? 30 : 150;
    const ours: number[] = [];
    const base: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const q = queries[i % queries.length];
      let t = performance.now();
      raw.all(q.split(' ').map((w) => `"${w}"`).join(' OR '), store.id);
      base.push(performance.now() - t);
      t = performance.now();
      stores.index.search({ vectorStoreIds: [store.id], attachedFileIds: [] }, q, 20, 0);
      ours.push(performance.now() - t);
    }
    const oursP50 = p50(ours);
    const rawP50 = p50(base);
    const result = {
      file_search_p50_ms: Math.round(oursP50 * 100) / 100,
      file_search_ratio: Math.round((oursP50 / rawP50) * 100) / 100,
      file_index_mb_per_s: Math.round((bytes / 1024 / 1024 / indexSeconds) * 100) / 100,
    };
    console.table([
      { measure: 'files indexed', value: nFiles },
      { measure: 'chunks', value: chunks },
      { measure: 'indexing MB/s', value: result.file_index_mb_per_s },
      { measure: 'search p50 ms (RunLens)', value: result.file_search_p50_ms },
      { measure: 'search p50 ms (raw FTS5 bm25)', value: Math.round(rawP50 * 100) / 100 },
      { measure: 'ratio', value: result.file_search_ratio },
    ]);
    stores.close();
    return result;
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
