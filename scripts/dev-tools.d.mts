// Types for the parts of dev-tools.mjs that TypeScript code (the benchmarks) uses.
/** Builds main, preload and renderer into out/ with electron-vite; resolves with the exit code. */
export function build(): Promise<number>;
/** True when out/ is missing or older than any source it is built from. */
export function buildIsStale(): boolean;
