/**
 * The benchmark's floor: what reading every sidecar and JSON.parse-ing it costs, and nothing else.
 * Usage: node out/test/bench/floor.js LIST   (LIST: one sidecar path a line)
 */
import { promises as fsp, readFileSync } from 'node:fs';

async function main(list: string): Promise<void> {
  const paths = readFileSync(list, 'utf8').split('\n').filter(Boolean);
  let uses = 0;
  let next = 0;
  // As parallel as the check reads them.
  const worker = async () => {
    while (next < paths.length) uses += (JSON.parse(await fsp.readFile(paths[next++], 'utf8')) as { uses: unknown[] }).uses.length;
  };
  await Promise.all(Array.from({ length: 16 }, worker));
  process.stdout.write(`${uses}\n`);
}

void main(process.argv[2]);
