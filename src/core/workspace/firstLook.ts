import { CONFIG_FILE_NAME, loadConfigCascade } from '../config/config';
import { FileSystem } from '../fs/fileSystem';
import { RuleCatalog } from '../policy/rules';
import { sidecarPathFor } from '../sidecar/paths';
import { SidecarMemo } from '../sidecar/store';
import { checkSidecar } from './check';
import { TurnBudget } from './scan';
import { TrackedRanges, UseRecord } from './records';
import { Finding } from '../findings';

export interface FirstLookOptions {
  loadCustomPacks: boolean;
  tracked: ((scriptPath: string) => TrackedRanges | undefined) | undefined;
  sidecars: SidecarMemo;
}

/**
 * Checks the sidecars of open files under the configuration files above them, without walking the
 * production: what a person looks at gets its findings before a large production's walk ends.
 * Skipped where that configuration has a problem (a custom pack cannot be found without the walk)
 * or leaves the file out; the full scan checks every sidecar again either way.
 */
export async function checkOpenFilesFirst(
  fs: FileSystem,
  roots: readonly string[],
  open: readonly string[],
  options: FirstLookOptions,
  checked: (sidecar: string, check: { findings: Finding[]; uses: UseRecord[] }, catalog: RuleCatalog) => void,
): Promise<void> {
  for (const subject of open) {
    const root = roots.find((r) => subject.startsWith(`${r}/`));
    const sidecar = sidecarPathFor(subject);
    if (!root || !(await fs.stat(sidecar).catch(() => undefined))) continue;
    const configFiles: string[] = [];
    for (let folder = parentOf(subject); folder.startsWith(root); folder = parentOf(folder)) {
      const file = `${folder}/${CONFIG_FILE_NAME}`;
      if (await fs.stat(file).catch(() => undefined)) configFiles.unshift(file);
      if (folder === root) break;
    }
    const config = await loadConfigCascade(fs, root, configFiles, { loadCustomPacks: options.loadCustomPacks });
    if (config.problems.length > 0 || config.isExcluded(subject)) continue;
    const check = await checkSidecar(fs, sidecar, [], options.tracked?.(subject), config, {
      sidecars: options.sidecars,
      turns: FIRST_LOOK_TURNS,
    });
    checked(sidecar, check, config.catalog);
  }
}

/**
 * The open files' check takes turns of up to a long task (as browsers count one) rather than the
 * scan's few milliseconds: at start-up every other extension's work runs between two turns, and
 * one script, waited for by the person who opened it, would wait behind all of it many times over.
 */
const FIRST_LOOK_TURNS = new TurnBudget(50);

/** The folder a path is in (paths here are absolute and use "/"). */
function parentOf(path: string): string {
  return path.slice(0, Math.max(path.lastIndexOf('/'), 1));
}
