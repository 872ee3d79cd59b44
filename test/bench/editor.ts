/**
 * Benchmark (prints numbers; asserts nothing) in a real VS Code: the large production of
 * `npm run bench`, opened in code-server with this repository as the extension under development;
 * the extension host runs test/bench/inEditor and its "@@bench" lines are printed as a table.
 * Run: npm run bench:editor   (BENCH_FRAMES_PER_SHOT=460: five times the frames, 460,000 files)
 */
import * as path from 'node:path';
import { generate, SIZES } from './production';
import { runSuite } from '../harness/runIntegration';

async function main(): Promise<number> {
  const standard = SIZES.find((size) => size.name === 'large')!;
  const large = { ...standard, framesPerFolder: Number(process.env.BENCH_FRAMES_PER_SHOT) || standard.framesPerFolder };
  const label =
    large.framesPerFolder === standard.framesPerFolder ? 'large production' : `large production, ${large.framesPerFolder} frames a shot`;
  console.log(`| in a real editor (code-server 4.100.3), ${label} | measured | target |`);
  console.log('| --- | ---: | ---: |');
  // Only the measurements (and the harness's own summary): the host relays all it prints.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = (chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n')) {
      if (line.startsWith('@@bench ')) write(`${line.slice('@@bench '.length)}\n`);
      else if (line.includes('suite in a real VS Code')) write(`\n${line}\n`);
    }
    return true;
  };
  try {
    return await runSuite('bench-editor', path.join('bench', 'inEditor'), {
      workspace: (runDir) => {
        const root = path.join(runDir, 'workspace', 'large');
        generate(large, root);
        return root;
      },
    });
  } finally {
    process.stdout.write = write;
  }
}

void main().then((code) => process.exit(code));
