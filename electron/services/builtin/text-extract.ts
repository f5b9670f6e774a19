/**
 * Text of an uploaded file for file_search: plain text, Markdown, code, JSON (checked), HTML
 * (tags, scripts and styles removed) and PDF (through `unpdf`, pdf.js bundled in its npm
 * package, so it works offline). A file that cannot be read fails with a message that says why.
 */
import path from 'node:path';

/** Why a file could not be indexed; the message is shown on the vector store file. */
export class ExtractError extends Error {
  constructor(
    readonly code: 'unsupported_file' | 'invalid_file',
    message: string,
  ) {
    super(message);
    this.name = 'ExtractError';
  }
}

const HTML = new Set(['.html', '.htm', '.xhtml']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[body.toLowerCase()] ?? m;
  });
}

/** Visible text of an HTML document, block elements on their own lines. */
export function htmlText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<\/?(p|div|br|li|h[1-6]|tr|section|article|header|footer|pre|blockquote|table)\b[^>]*>/gi, '\n')
    .replace(/<[^>]+>/g, ' ');
  return decodeEntities(text)
    .replace(/[ \t\f\v]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

function utf8(bytes: Buffer, filename: string): string {
  const head = bytes.subarray(0, 8192);
  if (head.includes(0)) throw new ExtractError('unsupported_file', `'${filename}' looks binary (it contains NUL bytes); file_search reads text, Markdown, JSON, code, HTML and PDF files.`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new ExtractError('unsupported_file', `'${filename}' is not UTF-8 text; file_search reads text, Markdown, JSON, code, HTML and PDF files.`);
  }
}

async function pdfText(bytes: Buffer, filename: string): Promise<string> {
  if (!bytes.subarray(0, 1024).toString('latin1').includes('%PDF-')) {
    throw new ExtractError('invalid_file', `'${filename}' is not a PDF (no %PDF- header).`);
  }
  try {
    const { extractText, getDocumentProxy } = await import('unpdf');
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    try {
      const { text } = await extractText(pdf, { mergePages: false });
      return text.join('\n\n');
    } finally {
      await (pdf as unknown as { destroy?: () => Promise<void> }).destroy?.();
    }
  } catch (error) {
    throw new ExtractError('invalid_file', `The PDF '${filename}' could not be parsed: ${(error as Error).message}`);
  }
}

/** The searchable text of a file, or an ExtractError naming the problem. */
export async function extractText(filename: string, bytes: Buffer): Promise<string> {
  if (bytes.length === 0) throw new ExtractError('invalid_file', `'${filename}' is empty.`);
  const ext = path.extname(filename).toLowerCase();
  let text: string;
  if (ext === '.pdf') text = await pdfText(bytes, filename);
  else {
    const raw = utf8(bytes, filename);
    if (ext === '.json') {
      try {
        JSON.parse(raw);
      } catch (error) {
        throw new ExtractError('invalid_file', `'${filename}' is not valid JSON: ${(error as Error).message}`);
      }
      text = raw;
    } else if (HTML.has(ext)) text = htmlText(raw);
    else text = raw;
  }
  if (text.trim() === '') throw new ExtractError('invalid_file', `'${filename}' contains no text to search.`);
  return text;
}
