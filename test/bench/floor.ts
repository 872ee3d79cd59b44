/**
 * The benchmark's floor: what reading every sidecar and JSON.parse-ing it costs, and nothing else,
 * done both ways Node reads files: blocking, one after another (fastest from the page cache), and
 * through the thread pool with 16 reads in flight (fastest from a disk). The benchmark takes the
 * faster of the two as the floor. The honest floor (`walk`) also finds the sidecars first, as any
 * check must: a walk of the whole production, then blocking reads. A check must also read each
 * tagged script (to place its passages) and, with no cache, each file whose sidecar records its
 * digest (to see whether it changed): `walk-subjects` reads those too.
 * Usage: node out/test/bench/floor.js LIST blocking|pooled   (LIST: one sidecar path a line)
 *        node out/test/bench/floor.js ROOT walk|walk-subjects
 */
import { createHash } from 'node:crypto';
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

/** The script formats a check places passages in. */
const SCRIPT = /\.(fountain|spmd|md|markdown|txt|fdx)$/i;

async function main(target: string, mode: string): Promise<void> {
  const paths =
    mode === 'walk' || mode === 'walk-subjects' ? walkForSidecars(target) : readFileSync(target, 'utf8').split('\n').filter(Boolean);
  let uses = 0;
  const count = (text: string) => (JSON.parse(text) as { uses: unknown[] }).uses.length;
  if (mode === 'walk-subjects') {
    for (const file of paths) {
      const sidecar = JSON.parse(readFileSync(file, 'utf8')) as { uses: unknown[]; subject?: { sha256?: string } };
      uses += sidecar.uses.length;
      // A file sidecar's subject is its name less the suffix (a folder sidecar has neither case).
      const subject = file.slice(0, -'.ai.json'.length);
      if (SCRIPT.test(subject)) readFileSync(subject, 'utf8');
      else if (sidecar.subject?.sha256) createHash('sha256').update(readFileSync(subject)).digest('hex');
    }
  } else if (mode === 'blocking' || mode === 'walk') {
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
