/**
 * The benchmark's floor: what reading every sidecar and JSON.parse-ing it costs, and nothing else,
 * done both ways Node reads files: blocking, one after another (fastest from the page cache), and
 * through the thread pool with 16 reads in flight (fastest from a disk). The benchmark takes the
 * faster of the two as the floor. The honest floor (`walk`) also finds the sidecars first, as any
 * check must: a walk of the whole production, then blocking reads.
 * Usage: node out/test/bench/floor.js LIST blocking|pooled   (LIST: one sidecar path a line)
 *        node out/test/bench/floor.js ROOT walk
 */
import { promises as fsp, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** Every sidecar under `root`, found by walking every folder (the least a check does to find them). */
function walkForSidecars(root: string): string[] {
  const found: string[] = [];
  const folders = [root];
  for (let folder = folders.pop(); folder !== undefined; folder = folders.pop()) {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) folders.push(full);
      else if (entry.name.endsWith('.ai.json')) found.push(full);
    }
  }
  return found;
}

async function main(target: string, mode: string): Promise<void> {
  const paths = mode === 'walk' ? walkForSidecars(target) : readFileSync(target, 'utf8').split('\n').filter(Boolean);
  let uses = 0;
  const count = (text: string) => (JSON.parse(text) as { uses: unknown[] }).uses.length;
  if (mode === 'blocking' || mode === 'walk') {
    for (const file of paths) uses += count(readFileSync(file, 'utf8'));
  } else {
    let next = 0;
    const worker = async () => {
      while (next < paths.length) {
        const text = await fsp.readFile(paths[next++], 'utf8');
        uses += count(text);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
  }
  process.stdout.write(`${uses}\n`);
}

void main(process.argv[2], process.argv[3]);
