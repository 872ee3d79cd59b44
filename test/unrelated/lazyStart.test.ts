import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, activateEntry, inWorkspace, ruleOf, waitForDiagnostics } from '../support/editor';

/**
 * The workspace is a plain repository of many files with a README and neither a sidecar nor a
 * configuration file (test/harness/runIntegration.ts makes it): opening the README must not even
 * start the extension, and once something does start it (a Fountain draft, a command, its view),
 * it must load no engine and leave the disk alone until the folder becomes a production.
 */
describe('A workspace that is not a production, in a real VS Code', function () {
  this.timeout(60_000);
  const readme = inWorkspace('README.md');
  // What a person does with the README: hover it, and let the editor ask for lenses.
  const useTheReadme = async (): Promise<void> => {
    await vscode.commands.executeCommand('vscode.executeHoverProvider', readme, new vscode.Position(0, 2));
    await vscode.commands.executeCommand('vscode.executeCodeLensProvider', readme);
  };

  it('does not start on a Markdown file, however the README is used', async () => {
    const editor = await vscode.window.showTextDocument(readme);
    await useTheReadme();
    await editor.edit((edit) => edit.insert(new vscode.Position(1, 0), 'More words.\n'));
    // Opening the README sent VS Code's onLanguage:markdown, which starts Markdown Language Features
    // (still loading here in a slow window): once its start is done, so is that event's.
    const markdown = vscode.extensions.getExtension('vscode.markdown-language-features');
    assert.ok(markdown, 'VS Code has its Markdown extension');
    await markdown.activate();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, false, 'AI Disclosure did not start');
  });

  it('once started, loads nothing until the folder becomes a production', async () => {
    const entry = await activateEntry();
    await useTheReadme();
    assert.equal(entry.isLoaded, false, 'the workbench (model, checks, views) is not loaded');
  });

  it('loads and starts following the folder once a configuration file and a sidecar appear', async () => {
    const entry = await activateEntry();
    await vscode.workspace.fs.writeFile(inWorkspace('.aidisclosure.json'), new TextEncoder().encode('{}\n'));
    // A sidecar a person started by hand and has not finished: the check must now report it.
    await vscode.workspace.fs.writeFile(inWorkspace('README.md.ai.json'), new TextEncoder().encode('{ "version": 1,\n'));
    await waitForDiagnostics(inWorkspace('README.md.ai.json'), (found) => found.some((d) => ruleOf(d) === 'invalid-sidecar'));
    assert.equal(entry.isLoaded, true);
    const workbench = await entry.workbench();
    assert.equal(workbench.index.isStarted, true);
    assert.ok((workbench.fileSystemCalls.readFile ?? 0) > 0);
  });
});
