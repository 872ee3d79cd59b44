/**
 * The in-editor half of `npm run bench:editor`, run by a real VS Code's extension host: how long
 * the host is kept from other work (an editor request, a keystroke) while AI Disclosure scans and
 * publishes a large production or exports its report, and how soon an edit's diagnostics arrive.
 * Prints "@@bench" lines.
 */
import { Session } from 'node:inspector';
import { constants as perfConstants, PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';
import { execFile } from 'node:child_process';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as vscode from 'vscode';
import { COMMANDS } from '../../../src/vscode/constants';
import type { AiDisclosureApi } from '../../../src/vscode/extension';
import type { Workbench } from '../../../src/vscode/workbench';
import { monotonicMicroseconds } from '../processorShare';

const stallEnds: [endMicros: number, gapMs: number, busyMs: number][] = [];

interface Stalls {
  /** The longest gap in the timer chain, whatever the cause. */
  longestGap: number;
  /** The longest time the host's event loop was busy within one gap: work that kept it from answering. */
  longestBusy: number;
  busyOverFrame: number;
  busyOver50: number;
  /** Garbage collection inside the stretches over a frame: its share of their busy time, and the longest pause. */
  gcShareOverFrame: number;
  longestGcPause: { ms: number; kind: string };
}

const GC_KINDS: Record<number, string> = {
  [perfConstants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [perfConstants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [perfConstants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [perfConstants.NODE_PERFORMANCE_GC_WEAKCB]: 'weak callbacks',
};

/**
 * Gaps in a 1 ms timer chain, and how much of each the event loop spent busy rather than waiting
 * (event-loop utilisation): on this 2-core machine the host also waits for the CPU while the
 * editor's other processes run, which lengthens gaps without any work of the host's.
 */
function stallProbe(): { stop(): Stalls } {
  const gaps: number[] = [];
  const busy: number[] = [];
  const overFrame: { from: number; to: number; busy: number }[] = [];
  const pauses: { start: number; end: number; kind: string }[] = [];
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? -1;
      pauses.push({ start: entry.startTime, end: entry.startTime + entry.duration, kind: GC_KINDS[kind] ?? 'other' });
    }
  });
  gcObserver.observe({ entryTypes: ['gc'] });
  stallEnds.length = 0;
  let last = performance.now();
  let lastLoop = performance.eventLoopUtilization();
  let timer: NodeJS.Timeout;
  const tick = () => {
    const now = performance.now();
    const loop = performance.eventLoopUtilization();
    const active = loop.active - lastLoop.active;
    gaps.push(now - last - 1);
    busy.push(active);
    if (active > 16) overFrame.push({ from: last, to: now, busy: active });
    // For the profiles: when the longer busy stretches ended, on the profiler's clock (microseconds).
    if (process.env.BENCH_PROFILE && active > 16) stallEnds.push([monotonicMicroseconds(), now - last, active]);
    last = now;
    lastLoop = loop;
    timer = setTimeout(tick, 1);
  };
  timer = setTimeout(tick, 1);
  return {
    stop() {
      clearTimeout(timer);
      gcObserver.disconnect();
      let gcInStretches = 0;
      for (const stretch of overFrame) {
        for (const pause of pauses) gcInStretches += Math.max(0, Math.min(pause.end, stretch.to) - Math.max(pause.start, stretch.from));
      }
      const longest = pauses.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a), { start: 0, end: 0, kind: 'none' });
      return {
        gcShareOverFrame: overFrame.length === 0 ? 0 : gcInStretches / overFrame.reduce((sum, stretch) => sum + stretch.busy, 0),
        longestGcPause: { ms: longest.end - longest.start, kind: longest.kind },
        longestGap: Math.max(0, ...gaps),
        longestBusy: Math.max(0, ...busy),
        busyOverFrame: busy.filter((b) => b > 16).length,
        busyOver50: busy.filter((b) => b > 50).length,
      };
    },
  };
}

/** With BENCH_PROFILE set, a CPU profile of the host per measured phase, written to the run's temporary folder. */
async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!process.env.BENCH_PROFILE) return work();
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 250 });
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = (await post('Profiler.stop')) as { profile: object };
    const file = path.join(tmpdir(), `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify({ ...profile, stallEnds: stallEnds.splice(0) }));
    print(`(profile: ${file})`);
    session.disconnect();
  }
}

const print = (line: string) => console.log(`@@bench ${line}`);
const gcShare = (stalls: Stalls) =>
  `garbage collection ${(stalls.gcShareOverFrame * 100).toFixed(0)} % of the stretches over a frame, longest pause ${ms(stalls.longestGcPause.ms)} (${stalls.longestGcPause.kind})`;
const ms = (value: number) => `${value.toFixed(0)} ms`;
/** "host busy at most 20 ms at a stretch (3 times over 16 ms, 0 over 50 ms); garbage collection …" */
const busy = (stalls: Stalls, gap = '') =>
  `host busy at most ${ms(stalls.longestBusy)} at a stretch (${stalls.busyOverFrame} times over 16 ms, ${stalls.busyOver50} over 50 ms${gap}); ${gcShare(stalls)}`;

/**
 * Runs `work` (profiled when asked) while probing the host's stalls: how long it took, and the
 * stalls (and profile) until `settled` too (diagnostics still arriving after the work is done).
 */
async function measured(
  profile: string,
  work: () => Promise<unknown>,
  settled?: () => Promise<void>,
): Promise<{ took: number; stalls: Stalls }> {
  // Probed inside the profile: the profiler's start stalls the host a few hundred milliseconds.
  return profiled(profile, async () => {
    const probe = stallProbe();
    const started = performance.now();
    await work();
    const took = performance.now() - started;
    await settled?.();
    return { took, stalls: probe.stop() };
  });
}

function publishedCounts(): { files: number; diagnostics: number } {
  let files = 0;
  let diagnostics = 0;
  for (const [, list] of vscode.languages.getDiagnostics()) {
    const ours = list.filter((d) => d.source === 'AI Disclosure').length;
    if (ours > 0) files++;
    diagnostics += ours;
  }
  return { files, diagnostics };
}

/** Writes the configuration file and resolves when the full re-check it causes (through the file watcher) is done. */
async function changeConfiguration(api: Workbench, file: string, text: string): Promise<void> {
  const rechecked = new Promise<void>((resolve) => {
    const subscription = api.index.onDidChange((change) => {
      if (change.sources) return;
      subscription.dispose();
      resolve();
    });
  });
  writeFileSync(file, text);
  await rechecked;
}

/** Resolves once no diagnostics have changed for `quietMs`. */
function diagnosticsQuiet(quietMs: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      subscription.dispose();
      resolve();
    };
    let timer = setTimeout(done, quietMs);
    const subscription = vscode.languages.onDidChangeDiagnostics(() => {
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    });
  });
}

/**
 * Resolves once the editor's file watcher reports a file written into the folder. With hundreds of
 * thousands of files it starts reporting only some seconds after the folder opened, and a change
 * made before then (the first scenario's configuration edit) is never reported.
 */
async function watcherReporting(folder: string): Promise<void> {
  const watcher = vscode.workspace.createFileSystemWatcher('**/bench-probe-*.bin');
  let reported = false;
  watcher.onDidCreate(() => (reported = true));
  const probes: string[] = [];
  try {
    while (!reported) {
      probes.push(path.join(folder, `bench-probe-${probes.length}.bin`));
      writeFileSync(probes[probes.length - 1], 'probe');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  } finally {
    watcher.dispose();
    for (const probe of probes) rmSync(probe, { force: true });
  }
  await diagnosticsQuiet(1000);
}

/** Resolves at the index's next change: the re-check is done and its diagnostics applied (the publisher listens first). */
function nextIndexChange(api: Workbench): Promise<void> {
  return new Promise((resolve) => {
    const subscription = api.index.onDidChange(() => {
      subscription.dispose();
      resolve();
    });
  });
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<AiDisclosureApi>('ai-disclosure.ai-disclosure');
  if (!extension) throw new Error('the extension is not loaded');
  const entry = await extension.activate();
  await entry.whenSettled();
  const api = await entry.workbench();
  // The first scan's diagnostics are still being sent when it is ready: let them arrive first.
  await diagnosticsQuiet(1000);
  await watcherReporting(vscode.workspace.workspaceFolders![0].uri.fsPath);

  // Full scans as the editor runs them: when the configuration or the rules change (a pack added),
  // every use is checked and the diagnostics that changed are sent; when folders or trust change
  // and no file did, nothing needs sending. (The first scan, which sends everything, ran at startup.)
  const config = path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.aidisclosure.json');
  const original = readFileSync(config, 'utf8');
  // A custom pack as a network hands one out (a catalog of rules that is new): one of the
  // production's three tools is not on its list.
  const rule = {
    id: 'bench-unlisted-tool',
    title: 'Tool not on the network list',
    defaultSeverity: 'warning',
    clearedByApproval: true,
    guideline: 'Only listed tools.',
    remedy: 'Use a listed tool.',
    source: 'bench',
    cases: [
      {
        when: { field: 'tool.name', in: ['Fill Studio'] },
        field: 'tool.name',
        message: 'AI use "{id}" uses {tool.name}, which is not on the network list',
      },
    ],
  };
  writeFileSync(
    path.join(path.dirname(config), 'bench-pack.json'),
    JSON.stringify({ id: 'bench', title: 'Bench', version: '1', rules: [rule] }),
  );
  const withPack = JSON.stringify({ ...JSON.parse(original), packs: ['studio', 'bench-pack.json'] }, null, 2);
  const scenarios: [name: string, start: () => Promise<void>][] = [
    ['configuration file changed, same rules: every use checked', () => changeConfiguration(api, config, `${original.trimEnd()} \n`)],
    [
      'a custom pack added to the configuration: every use checked, the diagnostics that changed sent',
      () => changeConfiguration(api, config, withPack),
    ],
    ['the pack taken out again', () => changeConfiguration(api, config, original)],
    ['rescan with nothing changed (folders or trust changed)', () => api.index.rescan()],
  ];
  for (const [index, [name, start]] of scenarios.entries()) {
    let resent = 0;
    let lastSent = 0;
    const counting = vscode.languages.onDidChangeDiagnostics((event) => {
      resent += event.uris.length;
      lastSent = performance.now();
    });
    const started = performance.now();
    const { took: ready, stalls } = await measured(`scan-${index + 1}`, start, () => diagnosticsQuiet(1000));
    counting.dispose();
    const { files, diagnostics } = publishedCounts();
    const sent =
      resent > 0
        ? `${resent.toLocaleString('en')} files' diagnostics sent, the last ${ms(lastSent - started)} after the start`
        : 'no diagnostics sent';
    print(
      `| Full scan, ${name} (${diagnostics.toLocaleString('en')} diagnostics on ${files.toLocaleString('en')} files) | ready in ${ms(ready)}, ${sent}; ${busy(stalls, `; longest gap ${ms(stalls.longestGap)}`)} | one frame (16 ms) |`,
    );
  }

  // The whole extension host (the editor's own extensions included), not this extension alone;
  // the heap also after a full collection (what is kept, not what awaits collecting).
  const memory = process.memoryUsage();
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  const live = process.memoryUsage().heapUsed;
  print(
    `| Extension host memory after the scans (whole process) | ${(memory.rss / 2 ** 20).toFixed(0)} MB resident, ${(memory.heapUsed / 2 ** 20).toFixed(0)} MB JavaScript heap in use, ${(live / 2 ** 20).toFixed(0)} MB live after a full collection | under 1 GB |`,
  );

  // Exporting the disclosure report as the command does (a fresh check, then the report built,
  // rendered and written a few milliseconds a turn), in its two largest formats.
  for (const format of ['json', 'html']) {
    const output = path.join(tmpdir(), `bench-report.${format}`);
    const { took, stalls } = await measured(`export-${format}`, () =>
      Promise.resolve(vscode.commands.executeCommand(COMMANDS.exportReport, { format, scope: 'workspace', output, open: false })),
    );
    print(
      `| Export the ${format.toUpperCase()} report (${(statSync(output).size / 2 ** 20).toFixed(0)} MB, command palette) | done in ${ms(took)}; ${busy(stalls)} | one frame (16 ms) |`,
    );
  }

  // Files changed by other programs, as a renderer or a copy would: none of it is this host's work.
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const outsideChange = async (title: string, profile: string, code: string, args: string[], done: () => boolean) => {
    const change = async () => {
      await new Promise<void>((resolve, reject) =>
        execFile(process.execPath, ['-e', code, ...args], (error) => (error ? reject(new Error(error.message)) : resolve())),
      );
      while (!done()) await new Promise((resolve) => setTimeout(resolve, 10));
    };
    const { took, stalls } = await measured(profile, change, () => diagnosticsQuiet(500));
    print(`| ${title} (by another process) | the index has it ${ms(took)} after the change began; ${busy(stalls)} | one frame (16 ms) |`);
  };

  // A render lands in a shot folder whose sidecar covers "*.exr", and goes again.
  const shot = path.join(root, 'vfx', 'sq6', 'sh0322');
  const shotSidecar = `${shot.split(path.sep).join('/')}/.ai.json`;
  const covered = () => api.index.usesOf(shotSidecar)?.[0]?.subjects.length ?? 0;
  const before = covered();
  const frames = Array.from({ length: 2000 }, (_, i) => path.join(shot, `render.${String(i).padStart(4, '0')}.exr`));
  await outsideChange(
    '2,000 frames written into a shot folder with a folder sidecar',
    'frames-written',
    "for (const f of process.argv.slice(1)) require('fs').writeFileSync(f, 'exr')",
    frames,
    () => covered() === before + frames.length,
  );
  await outsideChange(
    'the 2,000 frames deleted',
    'frames-deleted',
    "for (const f of process.argv.slice(1)) require('fs').rmSync(f)",
    frames,
    () => covered() === before,
  );

  // A vendor's delivery copied in: 1,000 stills, each with its own sidecar, then removed as a folder.
  const drop = path.join(root, 'assets', 'vendor-drop');
  const stillSidecars = Array.from(
    { length: 1000 },
    (_, i) => `${drop.split(path.sep).join('/')}/still-${String(i).padStart(4, '0')}.png.ai.json`,
  );
  const known = () => stillSidecars.filter((sidecar) => api.index.usesOf(sidecar)).length;
  const copy = `const fs = require('fs'), crypto = require('crypto'), [folder, count] = process.argv.slice(1);
fs.mkdirSync(folder, { recursive: true });
for (let i = 0; i < Number(count); i++) {
  const name = 'still-' + String(i).padStart(4, '0') + '.png', content = 'png ' + i;
  fs.writeFileSync(folder + '/' + name, content);
  const sha256 = crypto.createHash('sha256').update(content).digest('hex');
  const use = { id: 'vendor-' + i, tool: { name: 'Imagen Studio', environment: 'enterprise', retainsInputs: 'no', trainsOnInputs: 'no' }, purpose: 'Vendor still', final: 'no', keyCreative: 'no', inputs: [], suppressions: [], created: '2026-11-25T00:00:00Z' };
  fs.writeFileSync(folder + '/' + name + '.ai.json', JSON.stringify({ version: 1, subject: { file: name, sha256 }, uses: [use] }, null, 2) + '\\n');
}`;
  await outsideChange(
    '1,000 tagged stills copied in, each with its sidecar',
    'stills-copied',
    copy,
    [drop, String(stillSidecars.length)],
    () => known() === stillSidecars.length,
  );
  await outsideChange(
    'the 1,000 stills removed with their folder',
    'stills-removed',
    "require('fs').rmSync(process.argv[1], { recursive: true })",
    [drop],
    () => known() === 0,
  );

  // One character typed into a tagged script, until its re-check is done and published (the
  // diagnostics event alone would not do: an edit that moves no passage changes none).
  const script = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'scripts', 'episode-1.fountain');
  const editor = await vscode.window.showTextDocument(script);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const latencies: number[] = [];
  const stalls = await profiled('typing', async () => {
    const probe = stallProbe();
    for (let i = 0; i < 40; i++) {
      const line = 40 + i * 50;
      const arrived = nextIndexChange(api);
      const started = performance.now();
      await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), 'x'));
      await arrived;
      latencies.push(performance.now() - started);
    }
    return probe.stop();
  });
  latencies.sort((a, b) => a - b);
  print(
    `| Typing in a 5,000-line script with 200 tags, keystroke to its re-check applied (40 edits, real editor) | median ${ms(latencies[20])}, p95 ${ms(latencies[38])}; host busy at most ${ms(stalls.longestBusy)} at a stretch (longest gap ${ms(stalls.longestGap)}); ${gcShare(stalls)} | |`,
  );

  // The same with the AI Uses view open, pausing after each keystroke long enough for the view to redraw.
  await vscode.commands.executeCommand('aiDisclosure.uses.focus');
  await vscode.window.showTextDocument(editor.document);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const viewStalls = await profiled('typing-view', async () => {
    const probe = stallProbe();
    for (let i = 0; i < 10; i++) {
      const arrived = nextIndexChange(api);
      await editor.edit((edit) => edit.insert(new vscode.Position(60 + i * 50, 0), 'y'));
      await arrived;
      await new Promise((resolve) => setTimeout(resolve, 600));
    }
    return probe.stop();
  });
  print(
    `| The same with the AI Uses view open (10 edits, each followed by the view's redraw) | host busy at most ${ms(viewStalls.longestBusy)} at a stretch (${viewStalls.busyOverFrame} times over 16 ms, longest gap ${ms(viewStalls.longestGap)}); ${gcShare(viewStalls)} | one frame (16 ms) |`,
  );
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}
