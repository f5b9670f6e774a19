/**
 * `npm run bench [-- --quick]`: runs every benchmark module, prints its tables, and ends
 * with one JSON line of headline figures (DESIGN.md, Benchmarks). A module exports
 * `run({quick}) => Promise<Record<string, number>>`; keys are never renamed.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

interface BenchModule {
  run(options: { quick: boolean }): Promise<Record<string, number>>;
}

/** The original three first (their order is the headline's), then every other `*-bench.ts`. */
const FIRST = ['runtime-bench.ts', 'flow-bench.ts', 'timeline-bench.ts'];

function benchModules(dir: string): string[] {
  const all = readdirSync(dir).filter((f) => f.endsWith('-bench.ts'));
  return [...FIRST.filter((f) => all.includes(f)), ...all.filter((f) => !FIRST.includes(f)).sort()];
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const here = path.dirname(fileURLToPath(import.meta.url));
  const headline: Record<string, number> = {};
  for (const file of benchModules(here)) {
    const full = path.join(here, file);
    console.log(`\n## ${file.replace(/\.ts$/, '')}${quick ? ' (quick)' : ''}`);
    const mod = (await import(pathToFileURL(full).href)) as BenchModule;
    Object.assign(headline, await mod.run({ quick }));
  }
  console.log(JSON.stringify(headline));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
