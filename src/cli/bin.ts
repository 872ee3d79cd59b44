import { adaptiveNodeFileSystem } from '../core/fs/nodeFileSystem';
import { userMediaCacheFolder } from '../core/fs/mediaCache';
import { runCli } from './main';

/** Reports and tags take their date from AI_DISCLOSURE_NOW or SOURCE_DATE_EPOCH when set (reproducible output). */
function fixedNow(): Date {
  if (process.env.AI_DISCLOSURE_NOW) return new Date(process.env.AI_DISCLOSURE_NOW);
  if (process.env.SOURCE_DATE_EPOCH) return new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000);
  return new Date();
}

// The one place that touches the process: everything else is testable in-process.
runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  fs: adaptiveNodeFileSystem(),
  now: fixedNow,
  // What media said (hashes, provenance), kept between runs a file per production (AI_DISCLOSURE_MEDIA_CACHE=off: none).
  mediaCacheFolder: userMediaCacheFolder(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ai-disclosure: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
