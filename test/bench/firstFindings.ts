/**
 * Benchmark (prints numbers; asserts nothing): the large production of `npm run bench` opened in a
 * real VS Code (code-server) with one of its tagged scripts open as the window starts, and how
 * soon that script's findings arrive against how long the whole first scan takes.
 *
 * Each window is followed by a floor window: the same production and script with, in place of AI
 * Disclosure, an extension that declares the same and only reads, parses and publishes the script's
 * sidecar (./editorFloor). The floor is what VS Code's own start-up leaves that hour to any
 * extension's first findings; the extension's cost is its time beyond it. On Linux each window also
 * says how much processor time each of VS Code's processes used until the findings arrived.
 * Run: npm run bench:first-findings   (BENCH_RUNS=3 for three pairs of windows; BENCH_CACHES=none:
 * each window starts with no cache, as the first window after installing or updating the extension)
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import * as path from 'node:path';
import { generate, SIZES } from './production';
import { runSuite } from '../harness/runIntegration';
import { REPO_ROOT } from '../harness/runtime';
import { describeShare, ProcessorShare } from './processorShare';
import { median } from './statistics';

/** The floor extension, in a folder of its own: its code, with a manifest and language files made from the extension's. */
function installEditorFloor(folder: string): string {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
    engines: unknown;
    activationEvents: unknown;
    contributes: { languages: unknown; grammars: unknown };
  };
  mkdirSync(folder, { recursive: true });
  const floor = {
    name: 'editor-floor',
    publisher: 'ai-disclosure-bench',
    version: '0.0.0',
    engines: manifest.engines,
    main: './extension.js',
    activationEvents: manifest.activationEvents,
    contributes: { languages: manifest.contributes.languages, grammars: manifest.contributes.grammars },
  };
  writeFileSync(path.join(folder, 'package.json'), JSON.stringify(floor, null, 2));
  cpSync(path.join(REPO_ROOT, 'syntaxes'), path.join(folder, 'syntaxes'), { recursive: true });
  cpSync(path.join(__dirname, 'editorFloor', 'extension.js'), path.join(folder, 'extension.js'));
  return folder;
}

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
  const floorExtension = installEditorFloor(path.join(base, 'editor-floor'));
  generate(large, root);
  // Written just now, its pages are still being flushed: a production opened in the morning is not.
  execFileSync('sync');
  const noCaches = process.env.BENCH_CACHES === 'none';
  const times = { extension: [] as number[], floor: [] as number[] };
  /** Opens one window; returns the milliseconds from activation to the script's findings. */
  const openWindow = async (title: string, suite: 'firstFindings' | 'editorFloor', extensionPath?: string) => {
    // The disk's write-back of the new production, or the window before's editor and its file
    // watchers, wind down first: they would share the two cores.
    await new Promise((resolve) => setTimeout(resolve, 15_000));
    write(`| ${title} | | |\n`);
    intervals.length = 0;
    processors.start();
    code ||= await runSuite(`bench-${suite}`, path.join('bench', suite), {
      workspace: () => root,
      openFile: path.join('scripts', 'episode-1.fountain'),
      cacheDir,
      extensionPath,
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
    return interval ? (interval[1] - interval[0]) / 1000 : undefined;
  };
  try {
    for (let run = 0; run < (Number(process.env.BENCH_RUNS) || 1); run++) {
      if (noCaches) rmSync(cacheDir, { recursive: true, force: true });
      const caches = run === 0 || noCaches ? 'no cache yet' : 'with the caches the window before kept';
      const extension = await openWindow(`window ${run + 1}: ${caches}`, 'firstFindings');
      const floor = await openWindow(`floor window ${run + 1}`, 'editorFloor', floorExtension);
      if (extension !== undefined && floor !== undefined) {
        times.extension.push(extension);
        times.floor.push(floor);
      }
    }
    if (times.floor.length > 0) {
      const beyond = times.extension.map((time, i) => time - times.floor[i]);
      const list = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');
      write(`| findings from activation, each window (ms) | ${list(times.extension)} | 300 ms |\n`);
      write(`| floor, each floor window (ms) | ${list(times.floor)} | |\n`);
      write(
        `| medians: findings / floor / beyond the floor window after | ${median(times.extension).toFixed(0)} / ${median(times.floor).toFixed(0)} / ${median(beyond).toFixed(0)} ms | |\n`,
      );
    }
  } finally {
    processors.stop();
    process.stdout.write = write;
    rmSync(base, { recursive: true, force: true });
  }
  return code;
}

void main().then((code) => process.exit(code));
