/**
 * The one structured log of RunLens (pino, Fastify's own logger). Import `logger` (or a
 * `logger.child({ area })`) anywhere in the services: every 5xx, failed commit, recovery and
 * resumption, handler and provider error goes here. It writes nowhere until a face says
 * where: `logToFile(dataDir)` adds a size-rotated file in `<dataDir>/logs/`, `logToStderr()`
 * adds stderr (headless). Secrets are masked before anything is written.
 */
import path from 'node:path';
import pino, { type DestinationStream, type Logger } from 'pino';
import pinoRoll from 'pino-roll';

/** Keys whose values never reach the log, wherever they appear (two levels deep). */
const SECRET_KEYS = ['authorization', 'cookie', 'set-cookie', 'api_key', 'apiKey', 'x-api-key', 'key', 'token', 'password', 'secret'];

/** Masks credentials inside free text: Bearer tokens, sk- keys, login tokens in URLs. */
export function maskSecrets(text: string): string {
  return text
    .replace(/(Bearer\s+)[^\s"',]+/gi, '$1***')
    .replace(/\bsk-[A-Za-z0-9_-]{6,}/g, 'sk-***')
    .replace(/(\b(?:token|api_key|apikey|key|password|secret)=)[^&\s"',]+/gi, '$1***');
}

const multi = pino.multistream([]);

/** The shared logger; silent until logToFile / logToStderr attach a destination. */
export const logger: Logger = pino(
  {
    level: process.env.RUNLENS_LOG_LEVEL || 'info',
    base: { pid: process.pid },
    redact: { paths: SECRET_KEYS.flatMap((k) => (/^\w+$/.test(k) ? [k, `*.${k}`, `*.*.${k}`] : [`*["${k}"]`, `*.*["${k}"]`])), censor: '***' },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? maskSecrets(a) : a)) as Parameters<typeof method>);
      },
    },
    serializers: {
      err: (err: unknown) => {
        const s = pino.stdSerializers.err(err as Error);
        return { ...s, message: maskSecrets(s.message ?? ''), stack: s.stack ? maskSecrets(s.stack) : s.stack };
      },
    },
  },
  multi,
);

let fileStream: (DestinationStream & { end(): void; flushSync?(): void }) | null = null;
let stderrAdded = false;

/** Where the log files of a data directory are: `runlens.1.log`, `runlens.2.log`, … (newest has the highest number). */
export function logDir(dataDir: string): string {
  return path.join(dataDir, 'logs');
}

/** Adds the rotating file (10 MB per file, the newest 5 kept) in `<dataDir>/logs/`. Once per process. */
export async function logToFile(dataDir: string): Promise<void> {
  if (fileStream) return;
  fileStream = await pinoRoll({ file: path.join(logDir(dataDir), 'runlens'), extension: '.log', size: '10m', limit: { count: 5 }, mkdir: true });
  multi.add({ level: 'info', stream: fileStream });
}

/** Adds stderr (headless serve): warnings and errors only, so the terminal stays readable. */
export function logToStderr(level: pino.Level = 'warn'): void {
  if (stderrAdded) return;
  stderrAdded = true;
  multi.add({ level, stream: process.stderr });
}

/** Writes out what is buffered and closes the file (at shutdown). */
export async function closeLogs(): Promise<void> {
  const stream = fileStream;
  fileStream = null;
  if (!stream) return;
  try {
    stream.flushSync?.();
  } catch {
    // Not ready yet: end() flushes too.
  }
  await new Promise<void>((resolve) => {
    (stream as unknown as NodeJS.WritableStream).once?.('close', () => resolve());
    stream.end();
    setTimeout(resolve, 500).unref();
  });
}
