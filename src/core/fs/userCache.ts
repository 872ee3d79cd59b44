import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** AI Disclosure's folder in the user's cache folder (XDG_CACHE_HOME, else ~/.cache); not made here. */
export function userCacheBase(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ai-disclosure');
}

/**
 * A folder of AI Disclosure's in the user's cache folder, made if missing (`made`: by this call),
 * with "/" between its parts; none when it cannot be made (a cache only saves time).
 */
export function userCacheFolder(name: string, env: NodeJS.ProcessEnv = process.env): { path: string; made: boolean } | undefined {
  const folder = join(userCacheBase(env), name);
  try {
    const made = mkdirSync(folder, { recursive: true }) !== undefined;
    // Not sidecar/paths' toPosixPath: it would bring minimatch into the extension's entry bundle.
    return { path: folder.split('\\').join('/'), made };
  } catch {
    return undefined;
  }
}

/**
 * The user's folder for media caches (XDG_CACHE_HOME, else ~/.cache), made if missing; none when
 * AI_DISCLOSURE_MEDIA_CACHE=off or it cannot be made.
 */
export function userMediaCacheFolder(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.AI_DISCLOSURE_MEDIA_CACHE === 'off') return undefined;
  const folder = userCacheFolder('media-v1', env);
  try {
    // Made now: drop the one file that earlier releases shared between all productions.
    if (folder?.made) rmSync(join(userCacheBase(env), 'sha256-v1.json'), { force: true });
  } catch {
    return undefined;
  }
  return folder?.path;
}

/** Where checks are kept between runs (the CLI's `--cache`, the editor's first looks); made when first asked. */
export function userResultCacheFolder(): string | undefined {
  return userCacheFolder('results-v1')?.path;
}

/** A bundle run by `loadWithCodeCache`: its exports, and how to keep its code for the next process. */
export interface CachedBundle {
  exports: unknown;
  /** Writes V8's code cache with every function compiled so far (once; nothing when the cache was used as it was). */
  keep(): void;
}

/** The chunks a build splits off a bundle (shared code, libraries loaded lazily), required as `./chunk-….js`. */
const CHUNK = /^\.\/(chunk-[\w-]+)\.js$/;

/**
 * Runs a CommonJS bundle with V8's code cache, kept in the user's cache folder under `name`, so a
 * later process does not parse and compile the bundle's functions again (most of a small CLI run,
 * and of the extension's first findings; docs/performance.md). The chunks it requires are run the
 * same way, once a process, and kept with it. The cache only saves time: a missing, stale or
 * damaged one is made again by `keep`, and failing to write it changes nothing.
 */
export function loadWithCodeCache(bundle: string, name: string): CachedBundle {
  const { size, mtimeMs } = statSync(bundle);
  const folder = join(userCacheBase(), 'code');
  // V8 checks the data against the source and its own flags; the file name keeps one cache per build and runtime.
  const cacheFile = join(folder, `${name}-${process.version}-${process.arch}-${size}-${Math.round(mtimeMs)}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    // None yet.
  }
  const script = new Script(Module.wrap(readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
  const module = new Module(bundle);
  module.filename = bundle;
  const require = createRequire(bundle);
  const chunks: CachedBundle[] = [];
  const requireChunks = Object.assign((id: string): unknown => {
    const chunk = CHUNK.exec(id);
    if (!chunk) return require(id);
    const file = join(dirname(bundle), id);
    const known = require.cache[file];
    if (known) return known.exports;
    const loaded = loadWithCodeCache(file, chunk[1]);
    chunks.push(loaded);
    return loaded.exports;
  }, require);
  // Registered as Node's require does: a bundle that requires this one gets this very module.
  require.cache[bundle] = module;
  try {
    (script.runInThisContext() as (...args: unknown[]) => void).call(
      module.exports,
      module.exports,
      requireChunks,
      module,
      bundle,
      dirname(bundle),
    );
  } catch (error) {
    delete require.cache[bundle];
    throw error;
  }
  module.loaded = true;
  let stale = cachedData === undefined || script.cachedDataRejected === true;
  return {
    exports: module.exports,
    keep() {
      // Chunks loaded lazily since are kept too.
      for (const chunk of chunks) chunk.keep();
      if (!stale) return;
      stale = false;
      try {
        mkdirSync(folder, { recursive: true });
        for (const file of readdirSync(folder))
          if (file !== basename(cacheFile) && isStale(file, name, dirname(bundle))) rmSync(join(folder, file), { force: true });
        const temporary = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cacheFile);
      } catch {
        // The cache only saves time.
      }
    },
  };
}

/** Another build's cache of this bundle, or the cache of a chunk no longer beside it (chunks are named by their content). */
function isStale(cacheFile: string, name: string, bundleFolder: string): boolean {
  if (cacheFile.startsWith(`${name}-`)) return true;
  const chunk = /^(chunk-[A-Z0-9]+)-/.exec(cacheFile);
  return chunk !== null && !existsSync(join(bundleFolder, `${chunk[1]}.js`));
}
