/**
 * The core's whole check on an in-memory production, as a web worker would run it: bundled for
 * the browser by test/unit/webWorker.test.ts and run in a context with a worker's globals only.
 */
import { checkProduction } from '../../src/core/workspace/production';
import { MemoryFileSystem } from '../support/memoryFileSystem';

/** Findings and uses of the production made of `files` (absolute paths to their bytes) at `root`, as JSON. */
export async function checkFiles(files: Record<string, Uint8Array>, root: string): Promise<string> {
  const fs = new MemoryFileSystem();
  // Copied into this context's own arrays, as a worker's reads would give them (libraries check with instanceof).
  for (const [path, bytes] of Object.entries(files)) fs.files.set(path, new Uint8Array(bytes));
  const { findings, uses } = await checkProduction(fs, root);
  return JSON.stringify({ findings, uses });
}
