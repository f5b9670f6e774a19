/** Text extraction and chunking for file_search, on real bytes (a real PDF through unpdf). */
import { describe, expect, it } from 'vitest';
import { chunkText } from '../../../electron/services/builtin/chunker';
import { ExtractError, extractText } from '../../../electron/services/builtin/text-extract';
import { makePdf } from './pdf-fixture';

describe('extractText', () => {
  it('reads the text of a PDF offline', async () => {
    const text = await extractText('report.pdf', makePdf(['Quarterly report', 'Revenue grew by 12 percent.']));
    expect(text).toContain('Revenue grew by 12 percent.');
  });

  it('names the problem of a PDF that fails to parse', async () => {
    const broken = makePdf(['x']).subarray(0, 60);
    await expect(extractText('broken.pdf', broken)).rejects.toThrow(/broken\.pdf/);
    await expect(extractText('fake.pdf', Buffer.from('hello'))).rejects.toThrow(/not a PDF/);
  });

  it('keeps the visible text of HTML and drops scripts, styles and tags', async () => {
    const text = await extractText('page.html', Buffer.from('<html><head><style>p{color:red}</style></head><body><p>Tom &amp; Jerry</p><script>alert(1)</script></body></html>'));
    expect(text).toBe('Tom & Jerry');
  });

  it('refuses binary, non-UTF-8, empty and malformed JSON files with their reason', async () => {
    await expect(extractText('a.bin', Buffer.from([1, 0, 2]))).rejects.toThrow(/binary/);
    await expect(extractText('a.txt', Buffer.from([0xc3, 0x28, 0x41]))).rejects.toThrow(/not UTF-8/);
    await expect(extractText('a.txt', Buffer.alloc(0))).rejects.toThrow(/empty/);
    await expect(extractText('a.json', Buffer.from('{"a":'))).rejects.toBeInstanceOf(ExtractError);
    expect(await extractText('a.json', Buffer.from('{"a": "searchable"}'))).toContain('searchable');
    expect(await extractText('main.py', Buffer.from('def f():\n    return 1\n'))).toContain('def f()');
  });
});

describe('chunkText', () => {
  const text = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');

  it('keeps chunks within the token budget (4 characters a token) and overlaps them', () => {
    const chunks = chunkText(text, { type: 'static', static: { max_chunk_size_tokens: 100, chunk_overlap_tokens: 50 } });
    expect(chunks.length).toBeGreaterThan(5);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(400);
    const lastWord = chunks[0].split(' ').pop() as string;
    expect(chunks[1].split(' ')).toContain(lastWord);
    expect(chunks.join(' ')).toContain('word399');
  });

  it('without overlap the chunks partition the words', () => {
    const chunks = chunkText(text, { type: 'static', static: { max_chunk_size_tokens: 100, chunk_overlap_tokens: 0 } });
    expect(chunks.join(' ').split(' ')).toEqual(text.split(' '));
  });
});
