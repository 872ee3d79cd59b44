import { nodeFileSystem } from '../core/fs/nodeFileSystem';
import { runCli } from './main';

// The one place that touches the process: everything else is testable in-process.
runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  cwd: process.cwd(),
  fs: nodeFileSystem,
  now: () => (process.env.AI_DISCLOSURE_NOW ? new Date(process.env.AI_DISCLOSURE_NOW) : new Date()),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ai-disclosure: internal error: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
