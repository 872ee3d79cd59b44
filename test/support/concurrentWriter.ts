/**
 * A second program writing sidecars, for the no-data-loss tests: adds one use per id given, each
 * in its own read-change-write, as the CLI or another editor window would.
 * Usage: node out/test/support/concurrentWriter.js SIDECAR ID...
 */
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
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

async function main(sidecar: string, ids: string[]): Promise<void> {
  for (const id of ids) await updateSidecar(nodeFileSystem, sidecar, (data) => void data.uses.push(useWithId(id)));
}

if (require.main === module) {
  const [sidecar, ...ids] = process.argv.slice(2);
  main(sidecar, ids).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
