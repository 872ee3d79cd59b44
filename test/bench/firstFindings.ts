/**
 * Benchmark (prints numbers; asserts nothing): the large production of `npm run bench` opened in a
 * real VS Code (code-server) with one of its tagged scripts open as the window starts, and how
 * soon that script's findings arrive against how long the whole first scan takes. On Linux it also
 * says how much processor time each of VS Code's processes used until those findings arrived: the
 * window's start-up shares the machine's cores with the extension's first look.
 * Run: npm run bench:first-findings   (BENCH_RUNS=3 for three windows; BENCH_CACHES=none: each
 * window starts with no cache, as the first window after installing or updating the extension)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import * as path from 'node:path';
import { generate, SIZES } from './production';
import { runSuite } from '../harness/runIntegration';
import { describeShare, ProcessorShare } from './processorShare';

async function main(): Promise<number> {
  const large = SIZES.find((size) => size.name === 'large')!;
  console.log('| in a real editor (code-server 4.100.3), large production, a tagged script open at start | measured | target |');
  console.log('| --- | ---: | ---: |');
  const write = process.stdout.write.bind(process.stdout);
  // From activation to the script's findings, on the system's clock (the window reports it).
  const intervals: [number, number][] = [];
  process.stdout.write = (chunk: string | Uint8Array) => {
    for (const line of String(chunk).split('\n')) {
      if (line.startsWith('@@bench ')) write(`${line.slice('@@bench '.length)}\n`);
      const times = /^@@interval (\d+) (\d+)$/.exec(line);
      if (times) intervals.push([Number(times[1]), Number(times[2])]);
    }
    return true;
  };
  const processors = new ProcessorShare();
  let code = 0;
  // One production and one user cache folder for every window, as a person reopening their work has:
  // the first window starts with no cache, the next ones with what the window before kept.
  const base = mkdtempSync(path.join(tmpdir(), 'ai-disclosure-bench-first-'));
  const cacheDir = path.join(base, 'cache');
  const root = path.join(base, 'large');
  generate(large, root);
  // Written just now, its pages are still being flushed: a production opened in the morning is not.
  execFileSync('sync');
  const noCaches = process.env.BENCH_CACHES === 'none';
  try {
    for (let run = 0; run < (Number(process.env.BENCH_RUNS) || 1); run++) {
      // The disk's write-back of the new production, or the window before's editor and its file
      // watchers, wind down first: they would share the two cores.
      await new Promise((resolve) => setTimeout(resolve, 15_000));
      if (noCaches) rmSync(cacheDir, { recursive: true, force: true });
      const caches = run === 0 || noCaches ? 'no cache yet' : 'with the caches the window before kept';
      write(`| window ${run + 1}: ${caches} | | |\n`);
      intervals.length = 0;
      processors.start();
      code ||= await runSuite('bench-first-findings', path.join('bench', 'firstFindings'), {
        workspace: () => root,
        openFile: path.join('scripts', 'episode-1.fountain'),
        cacheDir,
      });
      processors.stop();
      const interval = intervals.pop();
      const share = interval && processors.usedBetween(...interval);
      if (share) {
        const { sampledMs, used } = share;
        write(
          `| processor time (ms) by process until then, over the ${sampledMs.toFixed(0)} ms sampled (${cpus().length} cores) | ${describeShare(used)} | |\n`,
        );
      }
    }
  } finally {
    processors.stop();
    process.stdout.write = write;
    rmSync(base, { recursive: true, force: true });
  }
  return code;
}

void main().then((code) => process.exit(code));
