/**
 * code_interpreter through the official SDK against `npm run serve`: Python computes a value
 * and writes files whose content downloads, exceptions and the time limit become logs on that
 * call while the run goes on, attached files are readable, and cancel stops a running call.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import OpenAI, { toFile } from 'openai';
import { startServe, type ServeProcess } from './serve-process';

let server: ServeProcess;
let client: OpenAI;
let assistantId: string;

const TIMEOUT_MS = 4000;

beforeAll(async () => {
  server = await startServe({ env: { RUNLENS_CODE_TIMEOUT_MS: String(TIMEOUT_MS) } });
  client = server.client();
  assistantId = (await client.beta.assistants.create({ model: 'mock', tools: [{ type: 'code_interpreter' }] })).id;
});
afterAll(async () => {
  await server?.stop();
});

async function ask(threadId: string, content: string): Promise<{ run: OpenAI.Beta.Threads.Run; reply: OpenAI.Beta.Threads.Message }> {
  await client.beta.threads.messages.create(threadId, { role: 'user', content });
  const run = await client.beta.threads.runs.createAndPoll(threadId, { assistant_id: assistantId }, { pollIntervalMs: 50 });
  const [reply] = (await client.beta.threads.messages.list(threadId, { limit: 1 })).data;
  return { run, reply };
}

function textOf(m: OpenAI.Beta.Threads.Message): OpenAI.Beta.Threads.Text {
  const block = m.content[0];
  if (block.type !== 'text') throw new Error('expected text');
  return block.text;
}

async function codeCall(threadId: string, runId: string): Promise<OpenAI.Beta.Threads.Runs.CodeInterpreterToolCall> {
  const steps = await client.beta.threads.runs.steps.list(runId, { thread_id: threadId, order: 'asc' });
  const step = steps.data.find((s) => s.type === 'tool_calls');
  if (step?.step_details.type !== 'tool_calls') throw new Error('no tool step');
  const call = step.step_details.tool_calls[0];
  if (call.type !== 'code_interpreter') throw new Error('expected code_interpreter');
  return call;
}

const PNG = `import zlib, struct
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
raw = b"".join(b"\\x00" + b"\\xff\\x00\\x00" * 4 for _ in range(4))
png = b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
open("plot.png", "wb").write(png)
print("png", len(png))`;

describe('code_interpreter', () => {
  it('computes a value, writes a file and an image whose content downloads', { timeout: 90_000 }, async () => {
    const thread = await client.beta.threads.create();
    const { run, reply } = await ask(
      thread.id,
      'Please compute:\n```python\ntotal = sum(i * i for i in range(1, 11))\nprint("total", total)\nwith open("result.txt", "w") as f:\n    f.write(f"total={total}")\n' +
        PNG +
        '\n```',
    );
    expect(run.status).toBe('completed');
    const call = await codeCall(thread.id, run.id);
    expect(call.code_interpreter.input).toContain('sum(i * i');
    const logs = call.code_interpreter.outputs.find((o) => o.type === 'logs');
    expect(logs).toMatchObject({ type: 'logs', logs: expect.stringContaining('total 385') });
    const image = call.code_interpreter.outputs.find((o) => o.type === 'image');
    if (image?.type !== 'image') throw new Error('expected an image output');
    const png = Buffer.from(await (await client.files.content(image.image.file_id)).arrayBuffer());
    expect(png.subarray(1, 4).toString()).toBe('PNG');

    const text = textOf(reply);
    expect(text.value).toContain('total 385');
    const paths = text.annotations.filter((a) => a.type === 'file_path');
    expect(paths.map((a) => text.value.slice(a.start_index, a.end_index))).toEqual(['sandbox:/mnt/data/plot.png', 'sandbox:/mnt/data/result.txt']);
    const result = paths.find((a) => a.text.endsWith('result.txt'));
    if (result?.type !== 'file_path') throw new Error('expected a file_path');
    expect(await (await client.files.content(result.file_path.file_id)).text()).toBe('total=385');
  });

  it('reads the files attached to the message', { timeout: 60_000 }, async () => {
    const data = await client.files.create({ file: await toFile(Buffer.from('a,b\n1,2\n3,4\n'), 'data.csv'), purpose: 'assistants' });
    const thread = await client.beta.threads.create({
      messages: [
        {
          role: 'user',
          content: '```python\nimport csv\nrows = list(csv.DictReader(open("/mnt/data/data.csv")))\nprint(sum(int(r["b"]) for r in rows))\n```',
          attachments: [{ file_id: data.id, tools: [{ type: 'code_interpreter' }] }],
        },
      ],
    });
    const run = await client.beta.threads.runs.createAndPoll(thread.id, { assistant_id: assistantId }, { pollIntervalMs: 50 });
    expect(run.status).toBe('completed');
    const call = await codeCall(thread.id, run.id);
    expect(call.code_interpreter.outputs[0]).toMatchObject({ type: 'logs', logs: '6' });
  });

  it('a raising call shows its traceback and the run still completes', { timeout: 60_000 }, async () => {
    const thread = await client.beta.threads.create();
    const { run, reply } = await ask(thread.id, 'code_interpreter code="print(1/0)"');
    expect(run.status).toBe('completed');
    const call = await codeCall(thread.id, run.id);
    expect(call.code_interpreter.outputs[0]).toMatchObject({ type: 'logs', logs: expect.stringContaining('ZeroDivisionError: division by zero') });
    expect(textOf(reply).value).toContain('code_interpreter raised ZeroDivisionError');
  });

  it('the sandbox has no network and no host files', { timeout: 60_000 }, async () => {
    const thread = await client.beta.threads.create();
    const { run } = await ask(
      thread.id,
      '```python\nimport os\nprint(os.path.exists("/etc/hostname"), sorted(os.listdir("/mnt/data")))\ntry:\n    import js\nexcept ImportError as e:\n    print("blocked:", e)\n```',
    );
    expect(run.status).toBe('completed');
    const logs = (await codeCall(thread.id, run.id)).code_interpreter.outputs[0];
    expect(logs).toMatchObject({ logs: expect.stringContaining('False []') });
    expect(logs).toMatchObject({ logs: expect.stringContaining('blocked: The module js is not available') });
  });

  it('an infinite loop is stopped at the time limit; the run completes and the next call works', { timeout: 90_000 }, async () => {
    const thread = await client.beta.threads.create();
    const { run, reply } = await ask(thread.id, '```python\nwhile True:\n    pass\n```');
    expect(run.status).toBe('completed');
    const call = await codeCall(thread.id, run.id);
    expect(call.code_interpreter.outputs[0]).toMatchObject({ type: 'logs', logs: expect.stringContaining(`${TIMEOUT_MS} ms time limit`) });
    expect(textOf(reply).value).toContain('code_interpreter stopped');
    const next = await ask(thread.id, '```python\nprint("still alive")\n```');
    expect(next.run.status).toBe('completed');
    expect(textOf(next.reply).value).toContain('still alive');
  });

  it('cancel stops a running call', { timeout: 90_000 }, async () => {
    const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: '```python\nwhile True:\n    pass\n```' }] });
    const run = await client.beta.threads.runs.create(thread.id, { assistant_id: assistantId });
    for (;;) {
      const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id });
      if (steps.data.some((s) => s.type === 'tool_calls')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await client.beta.threads.runs.cancel(run.id, { thread_id: thread.id });
    const done = await client.beta.threads.runs.poll(run.id, { thread_id: thread.id }, { pollIntervalMs: 50 });
    expect(done.status).toBe('cancelled');
    const steps = await client.beta.threads.runs.steps.list(run.id, { thread_id: thread.id });
    expect(steps.data.find((s) => s.type === 'tool_calls')?.status).toBe('cancelled');
  });
});
