import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { toPosixPath } from '../../src/core/sidecar/paths';
import { Sidecar, Use } from '../../src/core/sidecar/schema';

/** A use that is within every guideline: the baseline each rule test changes one thing of. */
export function compliantUse(overrides: Partial<Use> = {}): Use {
  return {
    id: 'use-1',
    tool: { name: 'ScriptMate', version: '4.2', environment: 'enterprise', retainsInputs: 'no', trainsOnInputs: 'no' },
    purpose: 'temp dialogue',
    final: 'no',
    keyCreative: 'no',
    inputs: [],
    suppressions: [],
    created: '2026-11-20T10:00:00Z',
    ...overrides,
  };
}

/** What the tag commands are given for a use within every guideline (as a person's answers would be). */
export const compliantAnswers = {
  tool: { name: 'ScriptMate', version: '4.2', environment: 'enterprise', retainsInputs: 'no', trainsOnInputs: 'no' },
  purpose: 'integration test passage',
  final: 'no',
  keyCreative: 'no',
};

export function sidecarWith(...uses: Use[]): Sidecar {
  return { version: 1, subject: { file: 'scene.fountain' }, uses };
}

/** The repository root, from the compiled test's location (out/test/unit/...). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** A fresh temporary folder, removed by the returned cleanup. */
export function temporaryFolder(): { dir: string; cleanup: () => void } {
  const dir = toPosixPath(mkdtempSync(path.join(tmpdir(), 'ai-disclosure-test-')));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
