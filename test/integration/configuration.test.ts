import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  editsProjectConfig,
  inWorkspace,
  ourDiagnostics,
  preferredQuickFix,
  ruleOf,
  waitForDiagnostics,
  writeText,
} from '../support/editor';

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

  it('renames a misspelled setting with a quick fix, where it stands, and applies the file once saved', async () => {
    const text = '{\n  "rulez": { "key-creative-element": "off" }\n}\n';
    await write(CONFIG, text);
    const [problem] = await waitForDiagnostics(CONFIG, (d) => d.some((x) => x.code === 'configuration' && /"rulez"/.test(x.message)));
    assert.match(problem.message, /did you mean "rules"\?/);
    const { fix: rename } = await preferredQuickFix(CONFIG, problem.range, 'Rename "rulez" to "rules"');
    assert.ok(rename.edit, 'offered, as an edit of the document');
    assert.ok(await vscode.workspace.applyEdit(rename.edit));
    const document = await vscode.workspace.openTextDocument(CONFIG);
    assert.equal(document.getText(), text.replace('"rulez"', '"rules"'));
    await document.save();
    await waitForDiagnostics(SCRIPT, (d) => !d.some((x) => ruleOf(x) === 'key-creative-element') && d.length > 0);
    await waitForDiagnostics(CONFIG, (d) => !d.some((x) => x.code === 'configuration'));
  });

  it('moves a setting written beside the object it belongs in, with a quick fix, and applies the file once saved', async () => {
    const text = '{\n  "production": { "name": "Salt Line" },\n  "studio": "Harbourlight"\n}\n';
    await write(CONFIG, text);
    const [problem] = await waitForDiagnostics(CONFIG, (d) => d.some((x) => x.code === 'configuration' && /"studio"/.test(x.message)));
    assert.match(problem.message, /"studio" is a setting of "production": write it inside "production"/);
    const { fix: move } = await preferredQuickFix(CONFIG, problem.range, 'Move "studio" into "production"');
    assert.ok(move.edit, 'offered first, as an edit of the document');
    assert.ok(await vscode.workspace.applyEdit(move.edit));
    const document = await vscode.workspace.openTextDocument(CONFIG);
    assert.deepEqual(JSON.parse(document.getText()), { production: { name: 'Salt Line', studio: 'Harbourlight' } });
    await document.save();
    await waitForDiagnostics(CONFIG, (d) => !d.some((x) => x.code === 'configuration'));
  });

  it('renames a rule id a slip away from a rule with a quick fix', async () => {
    const text = '{\n  "rules": { "key-creative-elements": "off" }\n}\n';
    await write(CONFIG, text);
    const [problem] = await waitForDiagnostics(CONFIG, (d) =>
      d.some((x) => x.code === 'configuration' && /unknown rule id/.test(x.message)),
    );
    assert.match(problem.message, /did you mean "key-creative-element"\?/);
    const { fix: rename } = await preferredQuickFix(CONFIG, problem.range, 'Rename "key-creative-elements" to "key-creative-element"');
    assert.ok(rename.edit, 'offered as an edit of the document');
    assert.ok(await vscode.workspace.applyEdit(rename.edit));
    const document = await vscode.workspace.openTextDocument(CONFIG);
    assert.equal(document.getText(), text.replace('-elements"', '-element"'));
    await document.save();
    await waitForDiagnostics(SCRIPT, (d) => !d.some((x) => ruleOf(x) === 'key-creative-element') && d.length > 0);
  });
});
