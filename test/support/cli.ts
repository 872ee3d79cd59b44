import { outputText } from '../../src/cli/io';
import { runCli } from '../../src/cli/main';
import { FileSystem } from '../../src/core/fs/fileSystem';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';

/** The date every in-process CLI run of the tests sees (reports and tags are dated by it). */
export const CLI_NOW = new Date('2026-11-25T12:00:00Z');

/** One CLI run in this process, in `cwd`, with what it printed on each stream. */
export async function runCliIn(
  cwd: string,
  argv: string[],
  fs: FileSystem = nodeFileSystem,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { out: (text) => (out += outputText(text)), err: (text) => (err += text), cwd, fs, now: () => CLI_NOW });
  return { code, out, err };
}
