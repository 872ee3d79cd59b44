import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { loadWithCodeCache } from '../../src/core/fs/userCache';
import { temporaryFolder } from '../support/fixtures';

/**
 * The editor's bundles as the build writes them: two entries that require a chunk of shared code,
 * which counts its runs in a global, and a chunk required lazily.
 */
function writeBundles(dist: string, runs: string): void {
  writeFileSync(
    path.join(dist, 'chunk-SHARED1.js'),
    `globalThis[${JSON.stringify(runs)}] = (globalThis[${JSON.stringify(runs)}] ?? 0) + 1;\nexports.shared = {};\n`,
  );
  writeFileSync(path.join(dist, 'chunk-LAZY1.js'), 'exports.lazy = 42;\n');
  writeFileSync(path.join(dist, 'first.js'), 'exports.shared = require("./chunk-SHARED1.js").shared;\n');
  writeFileSync(
    path.join(dist, 'second.js'),
    'exports.shared = require("./chunk-SHARED1.js").shared;\nexports.later = () => require("./chunk-LAZY1.js").lazy;\nexports.path = require("node:path").sep;\n',
  );
}

describe('bundles run with V8 code cache', () => {
  let dir: string;
  let cleanup: () => void;
  const cacheHome = process.env.XDG_CACHE_HOME;
  beforeEach(() => {
    ({ dir, cleanup } = temporaryFolder());
    process.env.XDG_CACHE_HOME = path.join(dir, 'cache');
  });
  afterEach(() => {
    if (cacheHome === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = cacheHome;
    cleanup();
  });

  it('runs a chunk two bundles require once, so both hold the same module, and keeps every chunk it ran', () => {
    const dist = path.join(dir, 'dist');
    mkdirSync(dist);
    const runs = `chunkRuns${Date.now()}`;
    writeBundles(dist, runs);
    const first = loadWithCodeCache(path.join(dist, 'first.js'), 'first');
    const second = loadWithCodeCache(path.join(dist, 'second.js'), 'second');
    const exports = [first.exports, second.exports] as { shared: object }[];
    assert.equal(exports[0].shared, exports[1].shared, 'one instance of the shared chunk');
    assert.equal((globalThis as Record<string, unknown>)[runs], 1, 'run once');
    assert.equal((second.exports as { later(): number }).later(), 42, 'a lazy chunk, required when asked for');
    assert.equal((second.exports as { path: string }).path, path.sep, 'other modules come from Node as usual');

    // A cache of a chunk an earlier build had, and of an earlier build of this bundle, are of no use.
    const caches = path.join(dir, 'cache', 'ai-disclosure', 'code');
    mkdirSync(caches, { recursive: true });
    writeFileSync(path.join(caches, `chunk-GONE1-${process.version}-${process.arch}-1-1.bin`), '');
    writeFileSync(path.join(caches, `first-${process.version}-${process.arch}-1-1.bin`), '');
    first.keep();
    second.keep();
    const kept = readdirSync(caches).map((file) => file.replace(/-v\d.*$/, ''));
    assert.deepEqual(kept.sort(), ['chunk-LAZY1', 'chunk-SHARED1', 'first', 'second']);
    assert.ok(readdirSync(caches).every((file) => statSync(path.join(caches, file)).size > 0));
  });

  it("uses the kept cache in the next process's load, and keeps nothing again", () => {
    const dist = path.join(dir, 'dist');
    mkdirSync(dist);
    writeBundles(dist, `chunkRuns${Date.now()}`);
    const caches = path.join(dir, 'cache', 'ai-disclosure', 'code');
    loadWithCodeCache(path.join(dist, 'first.js'), 'first').keep();
    const written = Object.fromEntries(readdirSync(caches).map((file) => [file, statSync(path.join(caches, file)).mtimeMs]));
    // A new process: Node's module registry forgets the bundles.
    for (const file of readdirSync(dist)) delete require.cache[path.join(dist, file)];
    loadWithCodeCache(path.join(dist, 'first.js'), 'first').keep();
    assert.deepEqual(
      Object.fromEntries(readdirSync(caches).map((file) => [file, statSync(path.join(caches, file)).mtimeMs])),
      written,
      'the caches were accepted as they were',
    );
  });
});
