/** The Python sandbox on its own: a memory hog is stopped at the limit and the next call still runs. */
import { afterAll, describe, expect, it } from 'vitest';
import { CodeSandbox } from '../../../electron/services/builtin/code-interpreter';

const sandbox = new CodeSandbox({ timeoutMs: 20_000, memoryMb: 200, maxFileBytes: 1024 });
afterAll(() => sandbox.close());

describe('CodeSandbox', () => {
  it('stops unbounded allocation at the memory limit, then runs the next call in a fresh worker', { timeout: 120_000 }, async () => {
    const signal = new AbortController().signal;
    const hog = await sandbox.run('chunks = []\nwhile True:\n    chunks.append(b"x" * 10_000_000)', [], signal);
    expect(hog.stopped).toBe('memory_limit');
    expect(hog.error).toMatch(/200 MB memory limit|out of memory|MemoryError/);
    const next = await sandbox.run('x = 2 ** 10\nprint(x)\nopen("big.bin", "wb").write(b"0" * 4096)', [], signal);
    expect(next).toMatchObject({ stopped: null, error: null });
    expect(next.logs).toContain('1024');
    expect(next.logs).toContain('larger than 1024 bytes and was not kept');
    expect(next.files).toEqual([]);
  });
});
