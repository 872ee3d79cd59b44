import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { toCorePath } from '../../src/vscode/fileSystem';
import { activateEntry, ourDiagnostics, ruleOf } from '../support/editor';

/**
 * The sample production, in a window that opens with its tagged script: the script's findings come
 * from the first look's small bundle before the workbench is loaded, and the workbench then takes
 * over that very look (its findings, its published diagnostics) instead of making its own.
 */
describe('A production opened with a tagged script, in a real VS Code', function () {
  this.timeout(60_000);

  it("shows the script's findings before the workbench loads, and the workbench takes them over as they were", async () => {
    const entry = await activateEntry();
    const script = vscode.window.visibleTextEditors.map((editor) => editor.document.uri).find((uri) => uri.path.endsWith('.fountain'));
    assert.ok(script, 'the window opened the script');
    const workbench = await entry.workbench();
    const sentAt = workbench.diagnostics.firstSentAt(toCorePath(script));
    const { workbenchAt } = entry.startup;
    assert.ok(sentAt !== undefined && workbenchAt !== undefined, 'both happened');
    assert.ok(sentAt < workbenchAt, `findings sent ${(workbenchAt - sentAt).toFixed(0)} ms before the workbench was loaded`);

    // The model holds the findings the look made, and they are what the editor shows.
    await workbench.whenIdle();
    const onScript = (workbench.index.findingsOf(`${toCorePath(script)}.ai.json`) ?? []).filter((f) => f.file === toCorePath(script));
    const shown = ourDiagnostics(script);
    assert.ok(shown.length > 0, 'the script has findings');
    assert.deepEqual(
      shown.map((d) => `${d.range.start.line + 1}:${d.message}`).sort(),
      onScript.map((f) => `${f.start.line}:${f.message}`).sort(),
    );

    // A quick fix reads its finding from the diagnostic the look published: the workbench and the
    // look share one instance of each module, not copies of them.
    const fixed = await Promise.all(
      shown.map(async (diagnostic) => {
        const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          script,
          diagnostic.range,
          vscode.CodeActionKind.QuickFix.value,
        );
        // Each finding's fixes end with its rule's page.
        return actions.some((action) => action.title === `Open the "${ruleOf(diagnostic)}" rule documentation`);
      }),
    );
    assert.deepEqual(
      fixed,
      shown.map(() => true),
      'every finding on the script offers its fixes',
    );
  });
});
