/**
 * The command-line tool's entry: runs the bundle (cli-main.js) with V8's code cache, kept in the
 * user's cache folder, so a run does not parse and compile the bundle's functions again (most of
 * a small check's time; docs/performance.md). The cache only saves time: a missing, stale or
 * damaged one is made again after the run, and failing to write it changes nothing.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { userCacheBase } from '../core/fs/userCache';

const bundle = join(__dirname, 'cli-main.js');
const { size, mtimeMs } = statSync(bundle);
const cacheFolder = join(userCacheBase(), 'code');
// V8 checks the data against the source and its own flags; the name keeps one cache per build and Node.
const cacheFile = join(cacheFolder, `cli-${process.version}-${process.arch}-${size}-${Math.round(mtimeMs)}.bin`);

let cachedData: Buffer | undefined;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  // None yet.
}
const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
// Made at exit, so it holds the functions this run compiled, not only the top level.
if (cachedData === undefined || script.cachedDataRejected) process.once('exit', () => keepCodeCache(script));

const main = new Module(bundle);
main.filename = bundle;
(script.runInThisContext() as (...args: unknown[]) => void).call(
  main.exports,
  main.exports,
  createRequire(bundle),
  main,
  bundle,
  __dirname,
);

function keepCodeCache(compiled: Script): void {
  try {
    mkdirSync(cacheFolder, { recursive: true });
    // Other builds' caches are of no use any more.
    for (const name of readdirSync(cacheFolder))
      if (name.startsWith('cli-') && join(cacheFolder, name) !== cacheFile) rmSync(join(cacheFolder, name), { force: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, compiled.createCachedData());
    renameSync(temporary, cacheFile);
  } catch {
    // The cache only saves time.
  }
}
