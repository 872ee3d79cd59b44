/**
 * A second program writing sidecars, for the no-data-loss tests: adds one use per id given, each
 * in its own read-change-write, as the CLI or another editor window would, and prints each id once
 * its write has returned (a reported success). With MODE it misbehaves on its first write:
 *   pause      stops itself (SIGSTOP) while holding the lock, after reading: the test resumes it
 *   hold       takes the lock and keeps it until killed (a crash, when the test sends SIGKILL)
 *   interrupt  takes the lock, then is interrupted with SIGINT (Ctrl+C)
 * Usage: [MODE=…] node out/test/support/concurrentWriter.js SIDECAR ID...
 */
import { withFileLock, configureLocks } from '../../src/core/fs/lock';
import { nodeFileSystem, nodeLockEnvironment, releaseLocksOnSignals } from '../../src/core/fs/nodeFileSystem';
import { updateSidecar } from '../../src/core/sidecar/store';
import { Use } from '../../src/core/sidecar/schema';

export function useWithId(id: string): Use {
  return {
    id,
    tool: { name: 'Writer', environment: 'enterprise', retainsInputs: 'no', trainsOnInputs: 'no' },
    purpose: 'race',
    final: 'no',
    keyCreative: 'no',
    inputs: [],
    suppressions: [],
    created: '2026-11-25T00:00:00Z',
  };
}

async function main(sidecar: string, ids: string[], mode: string | undefined): Promise<void> {
  configureLocks(nodeLockEnvironment('concurrent writer', (message) => process.stderr.write(`${message}\n`)));
  releaseLocksOnSignals();
  if (mode === 'hold' || mode === 'interrupt') {
    await withFileLock(nodeFileSystem, sidecar, async () => {
      process.stdout.write('holding\n');
      if (mode === 'interrupt') process.kill(process.pid, 'SIGINT');
      await new Promise((resolve) => setInterval(resolve, 60_000));
    });
    return;
  }
  let paused = mode !== 'pause';
  for (const id of ids) {
    await updateSidecar(nodeFileSystem, sidecar, (data) => {
      data.uses.push(useWithId(id));
      if (!paused) {
        paused = true;
        process.stdout.write('pausing\n');
        process.kill(process.pid, 'SIGSTOP');
      }
    });
    process.stdout.write(`${id}\n`);
  }
}

if (require.main === module) {
  const [sidecar, ...ids] = process.argv.slice(2);
  main(sidecar, ids, process.env.MODE).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
