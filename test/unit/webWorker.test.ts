import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { createContext, runInContext } from 'node:vm';
import { build } from 'esbuild';
import { checkFiles } from '../web/checkInWorker';

const REPO = path.resolve(__dirname, '..', '..', '..');
const SAMPLE = path.join(REPO, 'examples', 'salt-line');
const ROOT = '/production';

/** Every file of the sample production, by its path under ROOT. */
function sampleFiles(folder = SAMPLE, files: Record<string, Uint8Array> = {}): Record<string, Uint8Array> {
  for (const name of readdirSync(folder)) {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) sampleFiles(full, files);
    else files[`${ROOT}/${path.relative(SAMPLE, full).split(path.sep).join('/')}`] = new Uint8Array(readFileSync(full));
  }
  return files;
}

/**
 * What a dedicated web worker offers besides the language's own objects: no process, require,
 * Buffer, setImmediate or global, and a `performance` without Node's event-loop measure.
 */
function workerGlobals(): Record<string, unknown> {
  const globals: Record<string, unknown> = {
    console,
    TextEncoder,
    TextDecoder,
    URL,
    Blob,
    DecompressionStream,
    structuredClone,
    queueMicrotask,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    performance: { now: () => performance.now() },
  };
  globals.self = globals;
  return globals;
}

describe('the core in a web worker', function () {
  this.timeout(60_000);

  it('bundles for the browser with no Node module anywhere in its graph, and checks the sample production as Node does', async () => {
    // A Node module reached from the core, in our code or a library's, fails the browser build.
    const bundle = await build({
      entryPoints: [path.join(REPO, 'test', 'web', 'checkInWorker.ts')],
      bundle: true,
      platform: 'browser',
      format: 'iife',
      globalName: 'coreInWorker',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    const context = createContext(workerGlobals());
    runInContext(bundle.outputFiles[0].text, context);
    const inWorker = (context as { coreInWorker: { checkFiles: typeof checkFiles } }).coreInWorker;

    const files = sampleFiles();
    const fromWorker = JSON.parse(await inWorker.checkFiles(files, ROOT)) as { findings: { rule: string }[]; uses: unknown[] };
    const fromNode = JSON.parse(await checkFiles(files, ROOT)) as typeof fromWorker;
    assert.deepEqual(fromWorker, fromNode);
    // The sample's findings include what only the media readers find: its image marked as AI-made in its XMP.
    assert.ok(fromWorker.findings.some((finding) => finding.rule === 'undeclared-ai-asset'));
    assert.ok(fromWorker.uses.length >= 10);
  });
});
