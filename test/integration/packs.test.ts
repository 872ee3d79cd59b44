import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { editsProjectConfig, inWorkspace, readJson, ruleOf, step, waitForDiagnostics, writeText } from './helpers';

const ARCHIVE_SIDECAR = inWorkspace('archive', 'harbour-1953.png.ai.json');

describe('A guideline pack switched on in a real VS Code', function () {
  this.timeout(60_000);
  const config = editsProjectConfig(() => waitForDiagnostics(ARCHIVE_SIDECAR, (d) => !d.some((x) => ruleOf(x).startsWith('apa-'))));

  it('shows the documentary pack\'s finding, explains it, and fixes it', async () => {
    await writeText(config.uri, JSON.stringify({ ...JSON.parse(config.original()), packs: ['studio', 'documentary'] }, null, 2));
    const diagnostics = await waitForDiagnostics(ARCHIVE_SIDECAR, (d) => d.some((x) => ruleOf(x) === 'apa-audience-transparency'));
    const finding = diagnostics.find((d) => ruleOf(d) === 'apa-audience-transparency')!;
    assert.match(finding.message, /AI use "harbour-1953-recreation" is in the final cut and viewers are not told/);
    assert.match((finding.code as { target: vscode.Uri }).target.path, /docs\/rules\/apa-audience-transparency\.md$/);

    const document = await vscode.workspace.openTextDocument(ARCHIVE_SIDECAR);
    await vscode.window.showTextDocument(document);
    // The built-in JSON server cancels requests while it starts, which aborts the editor's code
    // action command for every provider: wait until it answers one request.
    await step('wait for the JSON language server', () => vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', ARCHIVE_SIDECAR));
    const actions = await step('ask for quick fixes', () => vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', ARCHIVE_SIDECAR, finding.range, vscode.CodeActionKind.QuickFix.value));
    const fix = actions.find((a) => a.title === 'Record how the audience is told…' && a.isPreferred);
    assert.ok(fix?.command, actions.map((a) => a.title).join(' | '));
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []), { disclosure: 'Lower-third caption "AI reconstruction" for the whole shot' });
    const use = (await readJson(ARCHIVE_SIDECAR)).uses.find((u: { id: string }) => u.id === 'harbour-1953-recreation');
    assert.equal(use.realism.audienceDisclosure, 'Lower-third caption "AI reconstruction" for the whole shot');
    await waitForDiagnostics(ARCHIVE_SIDECAR, (d) => !d.some((x) => ruleOf(x) === 'apa-audience-transparency' && /harbour-1953-recreation/.test(x.message)) && !d.some((x) => ruleOf(x) === 'misleading-audience'));
  });
});
