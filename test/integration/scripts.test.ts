import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/vscode/constants';
import {
  activateExtension,
  closeAllEditors,
  eventually,
  executeCommandOf,
  inWorkspace,
  readJson,
  ruleOf,
  waitForDiagnostics,
} from '../support/editor';

const SCRIPT = inWorkspace('script', 'salt-line.fountain');
const SIDECAR = inWorkspace('script', 'salt-line.fountain.ai.json');
const VOICE_OVER = 'WREN (V.O.)\nThey put your name on a board when the sea keeps you. They put it in gold.';

async function anchorOf(id: string) {
  return (await readJson(SIDECAR)).uses.find((u: { id: string }) => u.id === id).anchor;
}

function rangeOf(diagnostics: vscode.Diagnostic[], rule: string): vscode.Range | undefined {
  return diagnostics.find((d) => ruleOf(d) === rule)?.range;
}

describe('Script passages in a real VS Code', function () {
  this.timeout(60_000);

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await closeAllEditors();
  });

  it('grows a tag when text is typed inside it and shrinks it when a deletion cuts into it', async () => {
    const editor = await vscode.window.showTextDocument(SCRIPT);
    const start = editor.document.getText().indexOf(VOICE_OVER);
    const tagStart = editor.document.positionAt(start);
    await waitForDiagnostics(SCRIPT, (d) => rangeOf(d, 'key-creative-element')?.start.line === tagStart.line);
    // A parenthetical typed inside the passage, between the character and the line.
    await editor.edit((e) => e.insert(new vscode.Position(tagStart.line + 1, 0), '(quietly)\n'));
    const grown = await waitForDiagnostics(SCRIPT, (d) => rangeOf(d, 'key-creative-element')?.end.line === tagStart.line + 2);
    assert.equal(rangeOf(grown, 'key-creative-element')!.start.line, tagStart.line);
    // Delete from the blank line above through the character name: the tag now starts at the parenthetical.
    await editor.edit((e) => e.delete(new vscode.Range(tagStart.line - 1, 0, tagStart.line + 1, 0)));
    const cut = await waitForDiagnostics(SCRIPT, (d) => rangeOf(d, 'key-creative-element')?.start.line === tagStart.line - 1);
    assert.equal(editor.document.getText(rangeOf(cut, 'key-creative-element')).split('\n')[0], '(quietly)');
    assert.equal((await anchorOf('lifeboat-voice-over')).quote, VOICE_OVER, 'nothing is written before a save');
  });

  it('writes moved anchors into the sidecar on save, and only then', async () => {
    const api = await activateExtension();
    const editor = await vscode.window.showTextDocument(SCRIPT);
    const before = await anchorOf('lifeboat-voice-over');
    await waitForDiagnostics(SCRIPT, (d) => rangeOf(d, 'key-creative-element')?.start.line === before.start.line - 1);
    await editor.edit((e) => e.insert(new vscode.Position(8, 0), 'New action.\n\n'));
    await waitForDiagnostics(SCRIPT, (d) => rangeOf(d, 'key-creative-element')?.start.line === before.start.line + 1);
    assert.equal((await anchorOf('lifeboat-voice-over')).start.line, before.start.line, 'unsaved: the sidecar still says where it was');
    await editor.document.save();
    const after = await eventually(
      api.index.onDidChange,
      async () => {
        const anchor = await anchorOf('lifeboat-voice-over');
        return anchor.start.line === before.start.line + 2 ? anchor : undefined;
      },
      'the saved anchor',
    );
    assert.equal(after.quote, before.quote);
    assert.equal(after.scene.heading, 'EXT. LIFEBOAT STATION - DAY');
    // Put the script back as it was, saved, for the tests after this one.
    await editor.edit((e) => e.delete(new vscode.Range(8, 0, 10, 0)));
    const dirty = editor.document.isDirty;
    const saved = await editor.document.save();
    await eventually(
      api.index.onDidChange,
      async () => ((await anchorOf('lifeboat-voice-over')).start.line === before.start.line ? true : undefined),
      'the restored anchor',
    ).catch(async (error) => {
      const tracked = JSON.stringify([...(api.tracker.rangesOf(SCRIPT.fsPath) ?? new Map()).entries()]);
      throw new Error(
        `${error.message}; dirty before save ${dirty}, saved ${saved}, anchor line ${(await anchorOf('lifeboat-voice-over')).start.line}, tracked ${tracked}`,
      );
    });
  });

  it('forgets unsaved positions when the script is closed without saving', async () => {
    const editor = await vscode.window.showTextDocument(SCRIPT);
    const line = (await anchorOf('lifeboat-voice-over')).start.line - 1;
    await waitForDiagnostics(SCRIPT, (d) => rangeOf(d, 'key-creative-element')?.start.line === line);
    await editor.edit((e) => e.insert(new vscode.Position(8, 0), 'Unsaved.\n\n\n'));
    await waitForDiagnostics(SCRIPT, (d) => rangeOf(d, 'key-creative-element')?.start.line === line + 3);
    // Discarding: revert, then close (revertAndCloseActiveEditor may keep the unsaved model alive
    // a while without a revert event, which no user-visible path relies on).
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitForDiagnostics(SCRIPT, (d) => rangeOf(d, 'key-creative-element')?.start.line === line);
    assert.equal((await anchorOf('lifeboat-voice-over')).start.line, line + 1);
  });

  it('outlines the Fountain script with its sections and AI-tagged scenes', async () => {
    await vscode.window.showTextDocument(SCRIPT);
    const symbols = await eventually(
      vscode.languages.onDidChangeDiagnostics,
      async () => {
        const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', SCRIPT);
        return found?.length ? found : undefined;
      },
      'the outline',
    );
    assert.equal(symbols[0].name, 'ACT ONE');
    const scenes = symbols[0].children;
    assert.deepEqual(
      scenes.map((s) => s.name),
      [
        'EXT. HARBOUR WALL - DAWN',
        "INT. HALLORAN'S CHANDLERY - MORNING",
        'EXT. LIFEBOAT STATION - DAY',
        "INT. OWEN'S KITCHEN - NIGHT",
        'EXT. HARBOUR WALL - NIGHT',
      ],
    );
    assert.equal(scenes[1].detail, '#2 · AI: Chandlery dialogue punch-up');
    assert.equal(scenes[0].detail, '#1');
  });

  it('shows a code lens naming the use above each tagged passage', async () => {
    await vscode.window.showTextDocument(SCRIPT);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', SCRIPT);
    const titles = lenses.map((l) => l.command?.title ?? '');
    assert.ok(
      titles.some((t) => /AI: Lifeboat voice-over · ScriptMate Enterprise · Needs written approval/.test(t)),
      titles.join(' | '),
    );
  });

  it('re-finds a passage reworded outside the editor and records it when accepted', async () => {
    const api = await activateExtension();
    const original = new TextDecoder().decode(await vscode.workspace.fs.readFile(SCRIPT));
    const reworded = original.replace('They put it in gold.', 'They paint it in gold.');
    await vscode.workspace.fs.writeFile(SCRIPT, new TextEncoder().encode(reworded));
    try {
      await vscode.window.showTextDocument(SCRIPT);
      const lens = await eventually(
        api.index.onDidChange,
        async () => {
          const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', SCRIPT);
          return lenses.find((l) => /Re-found after edits \(\d+% match\): accept/.test(l.command?.title ?? ''));
        },
        'the re-found lens',
      ).catch(async (error) => {
        const record = api.index.usesFor(SCRIPT.fsPath).find((r) => r.use.id === 'lifeboat-voice-over');
        const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', SCRIPT);
        throw new Error(
          `${error.message}; match ${JSON.stringify(record?.match)}, tracked ${JSON.stringify([...(api.tracker.rangesOf(SCRIPT.fsPath) ?? new Map())])}, lenses ${lenses.map((l) => l.command?.title).join(' | ')}, doc ${vscode.workspace.textDocuments
            .find((d) => d.uri.fsPath === SCRIPT.fsPath)
            ?.getText()
            .includes('paint')}`,
        );
      });
      await executeCommandOf(lens.command!);
      assert.match((await anchorOf('lifeboat-voice-over')).quote, /They paint it in gold\.$/);
    } finally {
      await vscode.workspace.fs.writeFile(SCRIPT, new TextEncoder().encode(original));
    }
  });

  it('re-attaches an orphaned tag to the selected passage', async () => {
    const editor = await vscode.window.showTextDocument(SCRIPT);
    const orphan = (await waitForDiagnostics(SCRIPT, (d) => d.some((x) => ruleOf(x) === 'orphaned-tag'))).find(
      (d) => ruleOf(d) === 'orphaned-tag',
    )!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      SCRIPT,
      orphan.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === 'Re-attach "Storm flashback draft" to the current selection');
    assert.ok(fix?.command);
    const text = editor.document.getText();
    const comment = '/* An earlier version of this scene had a flashback to the 1998 storm. Cut for budget. */';
    const at = text.indexOf(comment);
    editor.selection = new vscode.Selection(editor.document.positionAt(at), editor.document.positionAt(at + comment.length));
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    await waitForDiagnostics(SCRIPT, (d) => !d.some((x) => ruleOf(x) === 'orphaned-tag'));
    assert.equal((await anchorOf('storm-flashback')).quote, comment);
    assert.ok(COMMANDS.reattachUse);
  });
});
