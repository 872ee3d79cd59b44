import { mkdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { adaptiveNodeFileSystem } from '../core/fs/nodeFileSystem';
import { toPosixPath } from '../core/sidecar/paths';
import { runCli } from './main';

/** Reports and tags take their date from AI_DISCLOSURE_NOW or SOURCE_DATE_EPOCH when set (reproducible output). */
function fixedNow(): Date {
  if (process.env.AI_DISCLOSURE_NOW) return new Date(process.env.AI_DISCLOSURE_NOW);
  if (process.env.SOURCE_DATE_EPOCH) return new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000);
  return new Date();
}

/**
 * Content hashes of tagged media are kept in the user's cache folder (XDG), a file per production
 * (hashCacheFileName), so a second check does not read every video again;
 * AI_DISCLOSURE_HASH_CACHE=off turns that off.
 */
function hashCacheFolder(): string | undefined {
  if (process.env.AI_DISCLOSURE_HASH_CACHE === 'off') return undefined;
  const base = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'ai-disclosure');
  const folder = join(base, 'sha256-v1');
  try {
    // Made by this run: drop the one file that earlier releases shared between all productions.
    if (mkdirSync(folder, { recursive: true }) !== undefined) rmSync(join(base, 'sha256-v1.json'), { force: true });
  } catch {
    return undefined;
  }
  return toPosixPath(folder);
}

// The one place that touches the process: everything else is testable in-process.
runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  fs: adaptiveNodeFileSystem(),
  now: fixedNow,
  hashCacheFolder: hashCacheFolder(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ai-disclosure: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
