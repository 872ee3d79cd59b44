import * as path from 'node:path';
import { FileSystem } from '../fs/fileSystem';
import { isSidecarPath } from '../sidecar/paths';

/** Folders that never hold production material and can be huge. */
export const DEFAULT_SKIPPED_FOLDERS = new Set(['.git', 'node_modules', '.svn', '.hg', '.vscode-test']);

export interface ScanResult {
  /** Every sidecar found, sorted. */
  sidecars: string[];
  /** Every other file, sorted. */
  files: string[];
}

/** Walks a production folder, a few directories at a time so large trees do not wait on one read. */
export async function scanProduction(fs: FileSystem, root: string, skipped: ReadonlySet<string> = DEFAULT_SKIPPED_FOLDERS): Promise<ScanResult> {
  const sidecars: string[] = [];
  const files: string[] = [];
  const start = path.posix.normalize(root);
  const pending = [start.length > 1 && start.endsWith('/') ? start.slice(0, -1) : start];
  const concurrency = 16;
  const worker = async () => {
    for (let folder = pending.pop(); folder !== undefined; folder = pending.pop()) {
      for (const entry of await fs.readDirectory(folder)) {
        // Concatenated, not path.join: the folder is clean already, and a walk joins every entry.
        const full = folder === '/' ? `/${entry.name}` : `${folder}/${entry.name}`;
        if (entry.type === 'directory') {
          if (!skipped.has(entry.name)) pending.push(full);
        } else if (entry.type === 'file') {
          (isSidecarPath(full) ? sidecars : files).push(full);
        }
      }
    }
  };
  // Workers drain the shared stack; each new folder is picked up by whichever worker is free.
  let running: Promise<void>[] = [];
  while (pending.length > 0) {
    running = Array.from({ length: Math.min(concurrency, pending.length) }, worker);
    await Promise.all(running);
  }
  sidecars.sort();
  files.sort();
  return { sidecars, files };
}

/** Runs `task` over `items` with at most `limit` in flight, keeping results in input order. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Lets the event loop turn (timers, I/O, an editor's requests) before long work goes on. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
