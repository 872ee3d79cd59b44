import * as assert from 'node:assert/strict';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { Finding } from '../../src/core/findings';
import { toPosixPath } from '../../src/core/sidecar/paths';
import { checkProduction } from '../../src/core/workspace/production';
import { activateExtension, workspaceRoot } from '../support/editor';

/** Everything a person is shown of a finding, as one line. */
const shown = (f: Finding) =>
  `${f.file}:${f.start.line}:${f.start.column}-${f.end.line}:${f.end.column} ${f.severity} ${f.rule} ${f.useId ?? ''} ${f.message}` +
  ` | ${f.shownAt ? `${f.shownAt.file}:${f.shownAt.start.line}:${f.shownAt.start.column}` : ''}`;

describe('One pipeline for the CLI and the editor', function () {
  this.timeout(60_000);

  it("shows in the editor exactly the findings and uses the CLI's check finds, on the sample production", async () => {
    const api = await activateExtension();
    // Whatever earlier tests changed on disk, both now read the same files.
    await api.index.rescan();
    const cli = await checkProduction(nodeFileSystem, toPosixPath(workspaceRoot().fsPath));
    assert.ok(cli.findings.length >= 10, 'the sample production breaks guidelines on purpose');
    assert.deepEqual(api.index.findings.map(shown).sort(), cli.findings.map(shown).sort());
    const uses = (records: readonly { sidecar: string; use: { id: string }; status: string; subjects: string[] }[]) =>
      records.map((r) => `${r.sidecar}#${r.use.id} ${r.status} ${r.subjects.join(',')}`).sort();
    assert.deepEqual(uses(api.index.uses), uses(cli.uses));
  });
});
