/**
 * The benchmark's floor: what reading every sidecar and JSON.parse-ing it costs, and nothing else,
 * done both ways Node reads files: blocking, one after another (fastest from the page cache), and
 * through the thread pool with 16 reads in flight (fastest from a disk). The benchmark takes the
 * faster of the two as the floor.
 * Usage: node out/test/bench/floor.js LIST blocking|pooled   (LIST: one sidecar path a line)
 */
import { promises as fsp, readFileSync } from 'node:fs';

async function main(list: string, mode: string): Promise<void> {
  const paths = readFileSync(list, 'utf8').split('\n').filter(Boolean);
  let uses = 0;
  const count = (text: string) => (JSON.parse(text) as { uses: unknown[] }).uses.length;
  if (mode === 'blocking') {
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
