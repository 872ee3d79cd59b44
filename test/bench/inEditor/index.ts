/**
 * The in-editor half of `npm run bench:editor`, run by a real VS Code's extension host: how long
 * the host is kept from other work (an editor request, a keystroke) while AI Disclosure scans and
 * publishes a large production, and how soon an edit's diagnostics arrive. Prints "@@bench" lines.
 */
import { Session } from 'node:inspector';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AiDisclosureApi } from '../../../src/vscode/extension';

/** Gaps in a 1 ms timer chain: each one over a frame is a time the host could not answer. */
function stallProbe(): { stop(): { longest: number; overFrame: number; over50: number } } {
  const stalls: number[] = [];
  let last = performance.now();
  let timer: NodeJS.Timeout;
  const tick = () => {
    const now = performance.now();
    stalls.push(now - last - 1);
    last = now;
    timer = setTimeout(tick, 1);
  };
  timer = setTimeout(tick, 1);
  return {
    stop() {
      clearTimeout(timer);
      return { longest: Math.max(0, ...stalls), overFrame: stalls.filter((s) => s > 16).length, over50: stalls.filter((s) => s > 50).length };
    },
  };
}

/** With BENCH_PROFILE set, a CPU profile of the host per measured phase, written to the run's temporary folder. */
async function profiled<T>(name: string, work: () => Promise<T>): Promise<T> {
  if (!process.env.BENCH_PROFILE) return work();
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) => new Promise<any>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await post('Profiler.stop');
    const file = path.join(tmpdir(), `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    print(`(profile: ${file})`);
    session.disconnect();
  }
}

const print = (line: string) => console.log(`@@bench ${line}`);
const ms = (value: number) => `${value.toFixed(0)} ms`;

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

/** Resolves at the first diagnostics change of `uri` after the call. */
function nextDiagnosticsOf(uri: vscode.Uri): Promise<void> {
  return new Promise((resolve) => {
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString())) return;
      subscription.dispose();
      resolve();
    });
  });
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<AiDisclosureApi>('ai-disclosure.ai-disclosure');
  if (!extension) throw new Error('the extension is not loaded');
  const api = await extension.activate();
  await api.index.whenReady();

  // A full scan as the editor runs one when folders or trust change (the first one ran at startup).
  for (const pass of [1, 2]) {
    const probe = stallProbe();
    const started = performance.now();
    await profiled(`scan-${pass}`, () => api.index.rescan());
    const ready = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const stalls = probe.stop();
    const { files, diagnostics } = publishedCounts();
    print(`| Full scan in a real extension host, pass ${pass} (${diagnostics.toLocaleString('en')} diagnostics on ${files.toLocaleString('en')} files) | ready in ${ms(ready)}; host blocked at most ${ms(stalls.longest)}, ${stalls.overFrame} times over 16 ms, ${stalls.over50} over 50 ms | one frame (16 ms) |`);
  }

  // One character typed into a tagged script, until its diagnostics are published again.
  const script = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'scripts', 'episode-1.fountain');
  const editor = await vscode.window.showTextDocument(script);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const latencies: number[] = [];
  const probe = stallProbe();
  await profiled('typing', async () => {
    for (let i = 0; i < 40; i++) {
      const line = 40 + i * 50;
      const arrived = nextDiagnosticsOf(script);
      const started = performance.now();
      await editor.edit((edit) => edit.insert(new vscode.Position(line, 0), 'x'));
      await arrived;
      latencies.push(performance.now() - started);
    }
  });
  const stalls = probe.stop();
  latencies.sort((a, b) => a - b);
  print(`| Typing in a 5,000-line script with 200 tags, keystroke to its diagnostics (40 edits, real editor) | median ${ms(latencies[20])}, p95 ${ms(latencies[38])}; host blocked at most ${ms(stalls.longest)} | |`);
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
}
