import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TagResult } from '../../src/core/tagging';
import { COMMANDS } from '../../src/vscode/constants';
import { compliantAnswers } from '../support/fixtures';
import { activateEntry, EXTENSION_ID, inWorkspace, readJson, ruleOf, waitForDiagnostics } from '../support/editor';

/**
 * The same repository as the lazy-start suite (10,000 source files, a README, no sidecar and no
 * configuration), in a window of its own: nothing has started the extension when a person tags a
 * passage of their notes, so the command itself loads the workbench, starts following the folder,
 * and has to see its own write.
 */
describe('A repository that is not a production, started by a tag, in a real VS Code', function () {
  this.timeout(60_000);

  it("records a person's first tag there, shows its findings, and follows the folder from then on", async () => {
    const notes = inWorkspace('notes.md');
    await vscode.workspace.fs.writeFile(notes, new TextEncoder().encode('# Notes\n\nA line the assistant wrote.\n'));
    const editor = await vscode.window.showTextDocument(notes);
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, false, 'nothing has started AI Disclosure yet');
    editor.selection = new vscode.Selection(2, 0, 2, 27);

    const [result] = await vscode.commands.executeCommand<TagResult[]>(COMMANDS.tagSelection, compliantAnswers);
    const sidecar = await readJson(inWorkspace('notes.md.ai.json'));
    assert.equal(sidecar.subject.file, 'notes.md');
    assert.deepEqual(
      sidecar.uses.map((use: { id: string; anchor: { quote: string } }) => [use.id, use.anchor.quote]),
      [[result.useId, 'A line the assistant wrote.']],
    );
    const diagnostics = await waitForDiagnostics(notes, (found) => found.some((d) => ruleOf(d) === 'notify-contact'));
    assert.equal(diagnostics.find((d) => ruleOf(d) === 'notify-contact')?.range.start.line, 2, 'on the tagged line');

    const workbench = await (await activateEntry()).workbench();
    assert.equal(workbench.index.isStarted, true, 'the command started following the folder');
    // A sidecar that arrives from outside the extension (git, another tool, by hand) is now checked.
    const arrived = inWorkspace('README.md.ai.json');
    await vscode.workspace.fs.writeFile(arrived, new TextEncoder().encode('{ "version": 1,\n'));
    await waitForDiagnostics(arrived, (found) => found.some((d) => ruleOf(d) === 'invalid-sidecar'));
  });
});
