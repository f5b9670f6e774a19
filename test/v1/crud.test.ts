/** CRUD and cursor pagination of assistants, threads, messages and runs through the real SDK. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type OpenAI from 'openai';
import { fnTool, raw, startServe, type ServeProcess } from './serve-process';

let server: ServeProcess;
let client: OpenAI;

beforeAll(async () => {
  server = await startServe();
  client = server.client();
});
afterAll(async () => {
  await server?.stop();
});

describe('assistants', () => {
  it('creates, retrieves, updates, lists and deletes', async () => {
    const created = await client.beta.assistants.create({
      model: 'mock',
      name: 'Helper',
      description: 'd',
      instructions: 'Be brief.',
      tools: [fnTool('lookup', { q: { type: 'string' } })],
      metadata: { team: 'a' },
      temperature: 0.5,
      top_p: 0.9,
      response_format: 'auto',
    });
    expect(created).toMatchObject({ object: 'assistant', model: 'mock', name: 'Helper', instructions: 'Be brief.', metadata: { team: 'a' } });
    expect(created.id).toMatch(/^asst_/);
    expect(created._request_id).toMatch(/^req_/);

    const got = await client.beta.assistants.retrieve(created.id);
    expect(got).toEqual(expect.objectContaining({ id: created.id, tools: created.tools }));

    const updated = await client.beta.assistants.update(created.id, { name: 'Renamed', metadata: { team: 'b' } });
    expect(updated.name).toBe('Renamed');
    expect(updated.metadata).toEqual({ team: 'b' });
    expect(updated.instructions).toBe('Be brief.');

    const deleted = await client.beta.assistants.delete(created.id);
    expect(deleted).toEqual({ id: created.id, object: 'assistant.deleted', deleted: true });
    await expect(client.beta.assistants.retrieve(created.id)).rejects.toMatchObject({ status: 404 });
  });

  it('paginates in both directions with after/before and auto-pagination', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await client.beta.assistants.create({ model: 'mock', name: `p${i}`, metadata: { group: 'page' } })).id);
    const all: string[] = [];
    for await (const a of client.beta.assistants.list({ limit: 2, order: 'asc' })) if (a.metadata?.group === 'page') all.push(a.id);
    expect(all).toEqual(ids);

    const desc: string[] = [];
    for await (const a of client.beta.assistants.list({ limit: 3 })) if (a.metadata?.group === 'page') desc.push(a.id);
    expect(desc).toEqual([...ids].reverse());

    const first = await raw(server, 'GET', `/v1/assistants?limit=2&order=asc&after=${ids[1]}`);
    const page = first.json as { data: Array<{ id: string }>; first_id: string; last_id: string; has_more: boolean; object: string };
    expect(page.object).toBe('list');
    expect(page.data.map((a) => a.id)).toEqual([ids[2], ids[3]]);
    expect(page.first_id).toBe(ids[2]);
    expect(page.last_id).toBe(ids[3]);
    expect(page.has_more).toBe(true);

    const back = await raw(server, 'GET', `/v1/assistants?limit=2&order=asc&before=${ids[4]}`);
    expect((back.json as { data: Array<{ id: string }> }).data.map((a) => a.id)).toEqual([ids[2], ids[3]]);

    const tail = await raw(server, 'GET', `/v1/assistants?limit=5&order=asc&after=${ids[5]}`);
    const tailPage = tail.json as { data: Array<{ id: string }>; has_more: boolean };
    expect(tailPage.data.map((a) => a.id)).toEqual([ids[6]]);
    expect(tailPage.has_more).toBe(false);

    const empty = await raw(server, 'GET', `/v1/assistants?order=asc&after=${ids[6]}`);
    expect(empty.json).toMatchObject({ data: [], first_id: null, last_id: null, has_more: false });
  });
});

describe('threads and messages', () => {
  it('creates a thread with messages, updates, deletes', async () => {
    const thread = await client.beta.threads.create({
      messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: [{ type: 'text', text: 'hello' }] }],
      metadata: { k: 'v' },
    });
    expect(thread).toMatchObject({ object: 'thread', metadata: { k: 'v' } });
    const empty = await client.beta.threads.create();
    expect(empty.id).toMatch(/^thread_/);

    const msgs = await client.beta.threads.messages.list(thread.id, { order: 'asc' });
    expect(msgs.data.map((m) => [m.role, m.content[0]])).toEqual([
      ['user', { type: 'text', text: { value: 'hi', annotations: [] } }],
      ['assistant', { type: 'text', text: { value: 'hello', annotations: [] } }],
    ]);
    expect(msgs.data[0]).toMatchObject({ assistant_id: null, run_id: null, thread_id: thread.id, object: 'thread.message' });

    const updated = await client.beta.threads.update(thread.id, { metadata: { k: 'w' } });
    expect(updated.metadata).toEqual({ k: 'w' });
    expect((await client.beta.threads.retrieve(thread.id)).metadata).toEqual({ k: 'w' });

    expect(await client.beta.threads.delete(thread.id)).toEqual({ id: thread.id, object: 'thread.deleted', deleted: true });
    await expect(client.beta.threads.retrieve(thread.id)).rejects.toMatchObject({ status: 404 });
  });

  it('message CRUD and pagination both ways', async () => {
    const thread = await client.beta.threads.create();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await client.beta.threads.messages.create(thread.id, { role: 'user', content: `m${i}` })).id);
    const got = await client.beta.threads.messages.retrieve(ids[0], { thread_id: thread.id });
    expect(got.content[0]).toEqual({ type: 'text', text: { value: 'm0', annotations: [] } });
    const upd = await client.beta.threads.messages.update(ids[0], { thread_id: thread.id, metadata: { seen: 'yes' } });
    expect(upd.metadata).toEqual({ seen: 'yes' });

    const asc: string[] = [];
    for await (const m of client.beta.threads.messages.list(thread.id, { limit: 2, order: 'asc' })) asc.push(m.id);
    expect(asc).toEqual(ids);
    const desc: string[] = [];
    for await (const m of client.beta.threads.messages.list(thread.id, { limit: 2 })) desc.push(m.id);
    expect(desc).toEqual([...ids].reverse());
    const before = await client.beta.threads.messages.list(thread.id, { before: ids[1], order: 'desc', limit: 10 });
    expect(before.data.map((m) => m.id)).toEqual([ids[4], ids[3], ids[2]]);

    const del = await client.beta.threads.messages.delete(ids[2], { thread_id: thread.id });
    expect(del).toEqual({ id: ids[2], object: 'thread.message.deleted', deleted: true });
    const after = await client.beta.threads.messages.list(thread.id, { order: 'asc' });
    expect(after.data.map((m) => m.id)).toEqual([ids[0], ids[1], ids[3], ids[4]]);
  });

  it('filters messages by run_id and lists runs with pagination', async () => {
    const asst = await client.beta.assistants.create({ model: 'mock' });
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: 'one' }] });
    const r1 = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: asst.id });
    await client.beta.threads.messages.create(thread.id, { role: 'user', content: 'two' });
    const r2 = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: asst.id });
    expect([r1.status, r2.status]).toEqual(['completed', 'completed']);

    const byRun = await client.beta.threads.messages.list(thread.id, { run_id: r2.id });
    expect(byRun.data).toHaveLength(1);
    expect(byRun.data[0]).toMatchObject({ role: 'assistant', run_id: r2.id, assistant_id: asst.id });
    expect(byRun.data[0].content[0]).toMatchObject({ type: 'text', text: { value: 'Echo: two' } });

    const runs: string[] = [];
    for await (const r of client.beta.threads.runs.list(thread.id, { limit: 1, order: 'asc' })) runs.push(r.id);
    expect(runs).toEqual([r1.id, r2.id]);
    const runsDesc = await client.beta.threads.runs.list(thread.id);
    expect(runsDesc.data.map((r) => r.id)).toEqual([r2.id, r1.id]);

    const updated = await client.beta.threads.runs.update(r1.id, { thread_id: thread.id, metadata: { note: 'x' } });
    expect(updated.metadata).toEqual({ note: 'x' });
  });
});
