import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { COMMANDS, SCREENPLAY_SCHEME } from '../../src/vscode/constants';
import { screenplayUriOf } from '../../src/vscode/screenplay';
import {
  activateExtension,
  closeAllEditors,
  eventually,
  executeCommandOf,
  inWorkspace,
  readJson,
  ruleOf,
  waitForDiagnostics,
  writeText,
} from '../support/editor';

const FDX = inWorkspace('script', 'harbour-pilot.fdx');
const SIDECAR = inWorkspace('script', 'harbour-pilot.fdx.ai.json');
const VIEW = screenplayUriOf(FDX);

const scene = (number: string, heading: string, ...lines: string[]) =>
  [
    `<Paragraph Number="${number}" Type="Scene Heading"><SceneProperties Page="${number}"/><Text>${heading}</Text></Paragraph>`,
    ...lines,
  ].join('\n');
const action = (text: string) => `<Paragraph Type="Action"><Text>${text}</Text></Paragraph>`;
const speech = (who: string, text: string) =>
  `<Paragraph Type="Character"><Text>${who}</Text></Paragraph>\n<Paragraph Type="Dialogue"><Text>${text}</Text></Paragraph>`;
const fdx = (...scenes: string[]) =>
  [
    '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>',
    '<FinalDraft DocumentType="Script" Template="No" Version="5">',
    '<Content>',
    ...scenes,
    '</Content>',
    '</FinalDraft>',
    '',
  ].join('\n');

const HARBOUR = scene(
  '1',
  'INT. HARBOUR OFFICE - NIGHT',
  action('Charts pinned over charts.'),
  speech('ODILE', 'The tide waits for nobody.'),
);
const JETTY = scene('2', 'EXT. JETTY - DAWN', action('Ropes creak. A gull lands on the post.'), speech('BRAM', 'She went out alone.'));
const FIRST_DRAFT = fdx(HARBOUR, JETTY);

const finalAnswers = {
  tool: { name: 'ScriptMate', version: '4.2', environment: 'enterprise', retainsInputs: 'no', trainsOnInputs: 'no' },
  purpose: 'Dawn scene draft',
  final: 'yes',
  keyCreative: 'no',
};

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((line) => line.includes(needle));

describe('Final Draft screenplays in a real VS Code', function () {
  this.timeout(60_000);

  after(async () => {
    await closeAllEditors();
    for (const uri of [SIDECAR, FDX]) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
  });

  it('tags a scene in the screenplay view, shows its squiggle and hover, and re-anchors after the .fdx is rewritten on disk', async () => {
    const api = await activateExtension();
    await writeText(FDX, FIRST_DRAFT);

    // The raw XML offers its screenplay; the screenplay is Fountain, read-only, beside it.
    await vscode.window.showTextDocument(FDX);
    const rawLenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', FDX);
    const open = rawLenses.find((lens) => lens.command?.command === COMMANDS.openScreenplay);
    assert.ok(open, rawLenses.map((lens) => lens.command?.title).join(' | '));
    await executeCommandOf(open.command!);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), VIEW.toString());
    assert.equal(editor.document.uri.scheme, SCREENPLAY_SCHEME);
    assert.equal(editor.document.languageId, 'fountain');
    const shown = editor.document.getText();
    assert.match(shown, /^\.?EXT\. JETTY - DAWN #2#$/m);

    // Tag Current Scene with the cursor in the jetty scene.
    const jettyLine = lineOf(shown, 'EXT. JETTY');
    editor.selection = new vscode.Selection(jettyLine + 2, 3, jettyLine + 2, 3);
    const [result] = await vscode.commands.executeCommand<{ useId: string }[]>(COMMANDS.tagScene, finalAnswers);
    const sidecar = await readJson(SIDECAR);
    assert.equal(sidecar.subject.file, 'harbour-pilot.fdx');
    assert.deepEqual(sidecar.uses[0].anchor.scene, { heading: 'EXT. JETTY - DAWN', number: '2' });

    // Its squiggle in the view, on the scene; and in Problems on the .fdx at the heading's text.
    const inView = await waitForDiagnostics(VIEW, (d) => d.some((x) => ruleOf(x) === 'final-deliverable'));
    assert.equal(inView.find((d) => ruleOf(d) === 'final-deliverable')!.range.start.line, jettyLine);
    const xmlLine = lineOf(FIRST_DRAFT, 'EXT. JETTY');
    await waitForDiagnostics(FDX, (d) => d.some((x) => ruleOf(x) === 'final-deliverable' && x.range.start.line === xmlLine));
    assert.deepEqual(
      api.decorations.taggedRanges(VIEW).map((r) => r.start.line),
      [jettyLine],
    );

    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      VIEW,
      new vscode.Position(jettyLine + 2, 3),
    );
    const hoverText = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.ok(hoverText.includes(result.useId), hoverText);
    assert.match(hoverText, /Generated material in the final deliverables/);

    // The quick fix works from the view as from a Fountain script.
    const fixes = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      VIEW,
      new vscode.Range(jettyLine, 0, jettyLine, 1),
    );
    assert.ok(
      fixes.some((fix) => fix.command?.command === COMMANDS.markTemporary),
      fixes.map((fix) => fix.title).join(' | '),
    );
    const outline = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', VIEW);
    const jettySymbol = outline.find((symbol) => symbol.name.includes('EXT. JETTY'));
    assert.ok(jettySymbol?.detail.includes(result.useId), JSON.stringify(outline.map((s) => [s.name, s.detail])));

    // The writers' next revision arrives on disk: a scene inserted before, the jetty renumbered, a word changed.
    const STORE = scene('2', 'INT. NET STORE - DAWN', action('Nets hang drying.'));
    const revised = fdx(
      HARBOUR,
      STORE,
      JETTY.replace('Number="2"', 'Number="3"').replace('Page="2"', 'Page="3"').replace('A gull lands', 'A gull settles'),
    );
    await writeText(FDX, revised);
    const document = editor.document;
    await eventually(
      vscode.workspace.onDidChangeTextDocument,
      () => (document.getText().includes('NET STORE') ? true : undefined),
      'the screenplay view to show the new revision',
    );
    const newJettyLine = lineOf(document.getText(), 'EXT. JETTY');
    assert.ok(newJettyLine > jettyLine);
    await waitForDiagnostics(VIEW, (d) => d.some((x) => ruleOf(x) === 'final-deliverable' && x.range.start.line === newJettyLine));
    const newXmlLine = lineOf(revised, 'EXT. JETTY');
    const onFile = await waitForDiagnostics(FDX, (d) =>
      d.some((x) => ruleOf(x) === 'final-deliverable' && x.range.start.line === newXmlLine),
    );
    assert.ok(!onFile.some((d) => ruleOf(d) === 'orphaned-tag'));
    const record = api.index.usesFor(FDX.fsPath).find((r) => r.use.id === result.useId);
    assert.deepEqual(record?.scene, { heading: 'EXT. JETTY - DAWN', number: '3', page: '3' });
  });
});
