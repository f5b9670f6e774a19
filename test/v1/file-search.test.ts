/**
 * Files, vector stores and file_search through the official SDK against `npm run serve`:
 * upload, uploadAndPoll, a run whose search finds a planted sentence and cites it, results
 * with include[], limits and unreadable files reported on the file alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI, { toFile } from 'openai';
import { startServe, type ServeProcess } from './serve-process';

const INCLUDE = 'step_details.tool_calls[*].file_search.results[*].content' as const;
const PLANTED = 'The launch code for Project Lantern is amber-falcon-42.';

let server: ServeProcess;
let client: OpenAI;

function filler(topic: string, n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(`Paragraph ${i} about ${topic}: the committee reviewed budgets, schedules and staffing for the quarter.`);
  return lines.join('\n');
}

beforeAll(async () => {
  server = await startServe({ env: { RUNLENS_MAX_FILE_BYTES: String(256 * 1024) } });
  client = server.client();
});
afterAll(async () => {
  await server?.stop();
});

describe('/v1/files', () => {
  it('uploads, lists, retrieves, downloads and deletes a file', async () => {
    const file = await client.files.create({ file: await toFile(Buffer.from('hello files'), 'hello.txt'), purpose: 'assistants' });
    expect(file).toMatchObject({ object: 'file', filename: 'hello.txt', bytes: 11, purpose: 'assistants' });
    expect(file.id).toMatch(/^file-/);
    expect((await client.files.retrieve(file.id)).filename).toBe('hello.txt');
    const ids = [];
    for await (const f of client.files.list()) ids.push(f.id);
    expect(ids).toContain(file.id);
    const content = await client.files.content(file.id);
    expect(await content.text()).toBe('hello files');
    expect(await client.files.delete(file.id)).toMatchObject({ id: file.id, deleted: true });
    await expect(client.files.retrieve(file.id)).rejects.toMatchObject({ status: 404 });
  });

  it('refuses an empty file and one over the size limit with OpenAI-shaped errors, storing nothing', async () => {
    const before = (await client.files.list()).data.length;
    await expect(client.files.create({ file: await toFile(Buffer.alloc(0), 'empty.txt'), purpose: 'assistants' })).rejects.toMatchObject({
      status: 400,
      code: 'empty_file',
      param: 'file',
    });
    await expect(client.files.create({ file: await toFile(Buffer.alloc(300 * 1024, 97), 'huge.txt'), purpose: 'assistants' })).rejects.toMatchObject({
      status: 400,
      code: 'file_too_large',
    });
    await expect(client.files.create({ file: await toFile(Buffer.from('x'), 'x.txt'), purpose: 'nonsense' as 'assistants' })).rejects.toMatchObject({
      status: 400,
      param: 'purpose',
    });
    expect((await client.files.list()).data.length).toBe(before);
  });
});

describe('vector stores and file_search', () => {
  it('indexes files with uploadAndPoll; a bad file fails alone with a clear error', async () => {
    const store = await client.vectorStores.create({ name: 'mixed' });
    expect(store).toMatchObject({ object: 'vector_store', name: 'mixed' });
    const batch = await client.vectorStores.fileBatches.uploadAndPoll(store.id, {
      files: [
        await toFile(Buffer.from('# Notes\n\nPlain markdown text about gardens.'), 'notes.md'),
        await toFile(Buffer.from('{"broken": '), 'broken.json'),
        await toFile(Buffer.from([0, 1, 2, 3, 255, 0, 7]), 'blob.bin'),
        await toFile(Buffer.from('%PDF-1.4 this is not really a pdf'), 'fake.pdf'),
      ],
    });
    expect(batch.status).toBe('completed');
    expect(batch.file_counts).toMatchObject({ completed: 1, failed: 3, total: 4, in_progress: 0 });
    const files = (await client.vectorStores.files.list(store.id)).data;
    const failed = files.filter((f) => f.status === 'failed');
    expect(failed).toHaveLength(3);
    for (const f of failed) expect(f.last_error?.message).toMatch(/JSON|binary|PDF/);
    const done = await client.vectorStores.retrieve(store.id);
    expect(done).toMatchObject({ status: 'completed', file_counts: { completed: 1, failed: 3, total: 4 } });
    expect(done.usage_bytes).toBeGreaterThan(0);
  });

  it('honours chunking_strategy and rejects an overlap above half the chunk size', async () => {
    const store = await client.vectorStores.create({ name: 'chunks' });
    const file = await client.files.create({ file: await toFile(Buffer.from(filler('harbours', 60)), 'long.txt'), purpose: 'assistants' });
    await expect(
      client.vectorStores.files.create(store.id, { file_id: file.id, chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 200, chunk_overlap_tokens: 150 } } }),
    ).rejects.toMatchObject({ status: 400 });
    const vf = await client.vectorStores.files.createAndPoll(store.id, {
      file_id: file.id,
      chunking_strategy: { type: 'static', static: { max_chunk_size_tokens: 100, chunk_overlap_tokens: 0 } },
    });
    expect(vf.status).toBe('completed');
    const content = await client.vectorStores.files.content(file.id, { vector_store_id: store.id });
    const chunks = [];
    for await (const c of content) chunks.push(c);
    expect(chunks.length).toBeGreaterThan(10);
    for (const c of chunks) expect((c.text ?? '').length).toBeLessThanOrEqual(400);
  });

  it('a run finds the planted sentence, cites it, and shows results with content only with include[]', async () => {
    const store = await client.vectorStores.create({ name: 'handbook' });
    const planted = `${filler('office plants', 40)}\n${PLANTED}\n${filler('parking rules', 40)}`;
    await client.vectorStores.fileBatches.uploadAndPoll(store.id, {
      files: [
        await toFile(Buffer.from(planted), 'handbook.txt'),
        await toFile(Buffer.from(`<html><body><h1>Menu</h1><p>Soup of the day: lentil.</p><script>var x = 1;</script></body></html>`), 'menu.html'),
      ],
    });
    const assistant = await client.beta.assistants.create({
      model: 'mock',
      tools: [{ type: 'file_search', file_search: { max_num_results: 3 } }],
      tool_resources: { file_search: { vector_store_ids: [store.id] } },
    });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'file_search query="launch code Project Lantern"' }] });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistant.id });
    expect(run.status).toBe('completed');

    const [reply] = (await client.beta.threads.messages.list(thread.id, { limit: 1 })).data;
    const block = reply.content[0];
    if (block.type !== 'text') throw new Error('expected text');
    expect(block.text.value).toContain(PLANTED);
    const citation = block.text.annotations.find((a) => a.type === 'file_citation');
    expect(citation).toBeDefined();
    if (citation?.type !== 'file_citation') throw new Error('expected a file citation');
    expect(block.text.value.slice(citation.start_index, citation.end_index)).toBe(citation.text);
    const cited = await client.files.retrieve(citation.file_citation.file_id);
    expect(cited.filename).toBe('handbook.txt');

    const plain = await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id, order: 'asc' });
    const toolStep = plain.data[0];
    expect(toolStep.type).toBe('tool_calls');
    if (toolStep.step_details.type !== 'tool_calls') throw new Error('expected tool calls');
    const call = toolStep.step_details.tool_calls[0];
    if (call.type !== 'file_search') throw new Error('expected a file_search call');
    expect(call.file_search.ranking_options).toMatchObject({ ranker: 'default_2024_08_21', score_threshold: 0 });
    expect(call.file_search.results?.length).toBeGreaterThan(0);
    expect(call.file_search.results?.length).toBeLessThanOrEqual(3);
    expect(call.file_search.results?.[0]).not.toHaveProperty('content');

    const full = await client.beta.threads.runs.steps.retrieve(toolStep.id, { thread_id: thread.id, run_id: run.id, include: [INCLUDE] });
    if (full.step_details.type !== 'tool_calls') throw new Error('expected tool calls');
    const fullCall = full.step_details.tool_calls[0];
    if (fullCall.type !== 'file_search') throw new Error('expected a file_search call');
    const top = fullCall.file_search.results?.[0];
    expect(top).toMatchObject({ file_name: 'handbook.txt', file_id: cited.id });
    expect(top?.score).toBeGreaterThan(0);
    expect(top?.score).toBeLessThanOrEqual(1);
    expect(top?.content?.[0].text).toContain(PLANTED);
    const scores = (fullCall.file_search.results ?? []).map((r) => r.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it('score_threshold drops weak hits and a message attachment is searched too', async () => {
    const upload = await client.files.create({ file: await toFile(Buffer.from('Meeting notes. The secret ingredient of the stew is smoked paprika.'), 'notes.txt'), purpose: 'assistants' });
    const assistant = await client.beta.assistants.create({
      model: 'mock',
      tools: [{ type: 'file_search', file_search: { ranking_options: { score_threshold: 0.99 } } }],
    });
    const strict = await client.beta.threads.create({
      messages: [{ role: 'user', content: 'file_search query="secret ingredient stew weather"', attachments: [{ file_id: upload.id, tools: [{ type: 'file_search' }] }] }],
    });
    const run1 = await client.beta.threads.runs.createAndPoll(strict.id, { assistant_id: assistant.id });
    expect(run1.status).toBe('completed');
    const [r1] = (await client.beta.threads.messages.list(strict.id, { limit: 1 })).data;
    expect(r1.content[0]).toMatchObject({ text: { value: expect.stringContaining('found nothing') } });

    const loose = await client.beta.assistants.create({ model: 'mock', tools: [{ type: 'file_search' }] });
    const thread = await client.beta.threads.create({
      messages: [{ role: 'user', content: 'file_search query="secret ingredient stew"', attachments: [{ file_id: upload.id, tools: [{ type: 'file_search' }] }] }],
    });
    const run2 = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: loose.id });
    expect(run2.status).toBe('completed');
    const [r2] = (await client.beta.threads.messages.list(thread.id, { limit: 1 })).data;
    expect(r2.content[0]).toMatchObject({ text: { value: expect.stringContaining('smoked paprika') } });
  });

  it('streams the file_search tool call and the cited reply through the SDK helpers', async () => {
    const store = await client.vectorStores.create({ name: 'stream' });
    await client.vectorStores.files.uploadAndPoll(store.id, await toFile(Buffer.from(`Intro.\n${PLANTED}\nOutro.`), 'plan.md'));
    const thread = await client.beta.threads.create({
      messages: [{ role: 'user', content: 'file_search query="Project Lantern launch code"' }],
      tool_resources: { file_search: { vector_store_ids: [store.id] } },
    });
    const assistant = await client.beta.assistants.create({ model: 'mock', tools: [{ type: 'file_search' }] });
    const created: string[] = [];
    const stream = client.beta.threads.runs.stream(thread.id, { assistant_id: assistant.id });
    stream.on('toolCallCreated', (c) => created.push(c.type));
    const messages = await stream.finalMessages();
    const run = await stream.finalRun();
    expect(run.status).toBe('completed');
    expect(created).toEqual(['file_search']);
    const block = messages[messages.length - 1].content[0];
    if (block.type !== 'text') throw new Error('expected text');
    expect(block.text.value).toContain(PLANTED);
    expect(block.text.annotations.map((a) => a.type)).toEqual(['file_citation']);
  });
});
