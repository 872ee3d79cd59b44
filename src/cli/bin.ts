import { adaptiveNodeFileSystem, nodeLinkOnPath, nodeLockEnvironment, releaseLocksOnSignals } from '../core/fs/nodeFileSystem';
import { configureLocks } from '../core/fs/lock';
import { userMediaCacheFolder, userResultCacheFolder } from '../core/fs/userCache';
import { runCli } from './main';

/** Reports and tags take their date from AI_DISCLOSURE_NOW or SOURCE_DATE_EPOCH when set (reproducible output). */
function fixedNow(): Date {
  if (process.env.AI_DISCLOSURE_NOW) return new Date(process.env.AI_DISCLOSURE_NOW);
  if (process.env.SOURCE_DATE_EPOCH) return new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000);
  return new Date();
}

configureLocks(nodeLockEnvironment('ai-disclosure (command line)', (message) => process.stderr.write(`ai-disclosure: ${message}\n`)));
releaseLocksOnSignals();

const cwd = process.cwd();
const fs = adaptiveNodeFileSystem();
// The folder tree the person named is the one they run in: no sidecar is written through a link below it.
fs.linkOnPath = nodeLinkOnPath(() => [cwd.split('\\').join('/')]);

/**
 * Writes to `stream` until its reader goes away (`ai-disclosure check . | head -1` closes the pipe):
 * then what is left has nowhere to go and is dropped, and the run still ends as it would, a tag's
 * sidecar written and the exit code its findings give, without a stack trace.
 */
function writerTo(stream: NodeJS.WriteStream): (text: string) => void {
  let readerGone = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    readerGone = true;
  });
  return (text) => {
    if (!readerGone) stream.write(text);
  };
}

// The one place that touches the process: everything else is testable in-process.
runCli(process.argv.slice(2), {
  out: writerTo(process.stdout),
  err: writerTo(process.stderr),
  cwd,
  fs,
  now: fixedNow,
  // What media said (hashes, provenance), kept between runs a file per production (AI_DISCLOSURE_MEDIA_CACHE=off: none).
  mediaCacheFolder: userMediaCacheFolder(),
  resultCacheFolder: userResultCacheFolder,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ai-disclosure: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
