/** The CLI's caches: what media said, and (`--cache`) sidecar checks and whole check runs. */
import * as nodePath from 'node:path';
import { MediaCache, ProductionMediaCaches, productionCacheName } from '../core/fs/mediaCache';
import { toPosixPath } from '../core/sidecar/paths';
import { ResultCache } from '../core/workspace/resultCache';
import { CliIo, display } from './io';
import { RELEASE } from '../core/release';

/** Runs `work` with the media cache of the production at `root`, saved afterwards. */
export async function withMediaCache<T>(io: CliIo, root: string, work: (media: MediaCache) => Promise<T>): Promise<T> {
  const caches = new ProductionMediaCaches(io.fs, io.mediaCacheFolder);
  const result = await work(await caches.of(root));
  await caches.save();
  return result;
}

/** `--cache` and `--cache-location`, taken by check and report. */
export const CACHE_OPTIONS = { cache: { type: 'boolean' }, 'cache-location': { type: 'string' } } as const;

/**
 * Runs `work` with the sidecar checks kept from earlier runs when `--cache` or `--cache-location`
 * asks for them, and saves them after. The cache only saves time: failing to write it is a note.
 */
export async function withResultCache<T>(
  io: CliIo,
  root: string,
  options: { cache?: boolean; 'cache-location'?: string },
  work: (results: ResultCache | undefined) => Promise<T>,
): Promise<T> {
  if (!options.cache && options['cache-location'] === undefined) return work(undefined);
  const file = await resultCacheFile(io, root, options['cache-location']);
  if (!file) return work(undefined);
  const results = await ResultCache.load(io.fs, file, RELEASE);
  const result = await work(results);
  await results.save(io.fs).catch((error: unknown) => {
    io.err(
      `ai-disclosure: note: the cache ${display(io, file)} was not written (${error instanceof Error ? error.message : String(error)})\n`,
    );
  });
  return result;
}

/** Where a check's whole output is kept, beside the sidecar checks' cache. */
export async function lastRunFile(io: CliIo, root: string, location: string | undefined): Promise<string | undefined> {
  const file = await resultCacheFile(io, root, location);
  return file && `${file.replace(/\.json$/, '')}.last-run`;
}

/** The cache file: `--cache-location` (a file, or a folder to keep it in), else one per production in the user's cache folder. */
export async function resultCacheFile(io: CliIo, root: string, location: string | undefined): Promise<string | undefined> {
  const name = `${productionCacheName(root)}.json`;
  if (location === undefined) {
    const folder = io.resultCacheFolder?.();
    return folder && `${folder}/${name}`;
  }
  const given = toPosixPath(nodePath.resolve(io.cwd, location));
  return (await io.fs.stat(given))?.type === 'directory' ? `${given}/${name}` : given;
}
