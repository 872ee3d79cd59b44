import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { editsProjectConfig, inWorkspace, ourDiagnostics, ruleOf, waitForDiagnostics, writeText } from '../support/editor';

const SCRIPT = inWorkspace('script', 'salt-line.fountain');

describe('Project configuration in a real VS Code', function () {
  this.timeout(60_000);
  const { uri: CONFIG, original } = editsProjectConfig(() =>
    waitForDiagnostics(SCRIPT, (d) => d.some((x) => ruleOf(x) === 'key-creative-element')),
  );
  const write = writeText;

  it('applies a rule turned off as soon as the file is saved', async () => {
    await waitForDiagnostics(SCRIPT, (d) => d.some((x) => ruleOf(x) === 'key-creative-element'));
    const config = JSON.parse(original());
    await write(CONFIG, JSON.stringify({ ...config, rules: { 'key-creative-element': 'off' } }, null, 2));
    await waitForDiagnostics(SCRIPT, (d) => !d.some((x) => ruleOf(x) === 'key-creative-element') && d.length > 0);
  });

  it('shows a mistake in the file where it is, and keeps working without that file', async () => {
    await write(CONFIG, '{\n  "rules": {\n    "key-creative-element": "loud"\n  }\n}\n');
    const [problem] = await waitForDiagnostics(CONFIG, (d) => d.some((x) => x.code === 'configuration'));
    assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([problem.range.start.line, problem.range.start.character], [2, 28]);
    assert.match(problem.message, /must be one of "off", "error"/);
    await waitForDiagnostics(SCRIPT, (d) => d.some((x) => ruleOf(x) === 'key-creative-element'));
    assert.ok(ourDiagnostics(SCRIPT).length > 0);
  });
});
