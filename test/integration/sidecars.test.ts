import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/vscode/constants';
import {
  activateExtension,
  closeAllEditors,
  eventually,
  inWorkspace,
  ourDiagnostics,
  executeCommandOf,
  preferredQuickFix,
  readJson,
  ruleOf,
  step,
  waitForDiagnostics,
} from '../support/editor';

const SCRIPT_SIDECAR = inWorkspace('script', 'salt-line.fountain.ai.json');
const KEY_ART_SIDECAR = inWorkspace('art', 'key-art.png.ai.json');

function lineOf(document: vscode.TextDocument, text: string, after = 0): number {
  const at = document.getText().indexOf(text, after);
  assert.ok(at >= 0, `"${text}" is in ${document.fileName}`);
  return document.positionAt(at).line;
}

describe('Findings where they are worked on: sidecars and assets', function () {
  this.timeout(60_000);
  before(async () => {
    await activateExtension();
  });
  afterEach(async () => closeAllEditors());

  it("lists a script passage's finding once, on the passage, with the sidecar field as related information", async () => {
    const api = await activateExtension();
    const script = inWorkspace('script', 'salt-line.fountain');
    const onScript = (await waitForDiagnostics(script, (d) => d.some((x) => ruleOf(x) === 'key-creative-element'))).find(
      (d) => ruleOf(d) === 'key-creative-element',
    )!;
    const document = await vscode.workspace.openTextDocument(SCRIPT_SIDECAR);
    const related = onScript.relatedInformation![0];
    assert.match(related.location.uri.path, /salt-line\.fountain\.ai\.json$/);
    const useStart = document.getText().indexOf('"id": "lifeboat-voice-over"');
    assert.equal(related.location.range.start.line, lineOf(document, '"keyCreative": "unknown"', useStart), 'the offending field');
    assert.deepEqual(
      ourDiagnostics(SCRIPT_SIDECAR).map((d) => ruleOf(d)),
      [],
      'nothing mirrored on the sidecar: its own validity problems are all that would show there',
    );
    // Problems counts every finding exactly once.
    const shown = vscode.languages.getDiagnostics().flatMap(([, list]) => list.filter((d) => d.source === 'AI Disclosure'));
    assert.equal(shown.length, api.index.findings.length);
  });

  it('offers each remedy once, named for the use and the rule, however many of its findings are on the line', async () => {
    const script = inWorkspace('script', 'salt-line.fountain');
    await vscode.window.showTextDocument(script);
    // Final and of unknown creative weight: two findings on the passage that one written approval settles.
    const original = readFileSync(SCRIPT_SIDECAR.fsPath, 'utf8');
    const data = JSON.parse(original);
    Object.assign(
      data.uses.find((u: { id: string }) => u.id === 'lifeboat-voice-over'),
      { final: 'yes', keyCreative: 'unknown' },
    );
    writeFileSync(SCRIPT_SIDECAR.fsPath, JSON.stringify(data, null, 2));
    try {
      const diagnostics = await waitForDiagnostics(script, (d) =>
        ['final-deliverable', 'key-creative-element'].every((rule) => d.some((x) => ruleOf(x) === rule)),
      );
      const passage = diagnostics.find((d) => ruleOf(d) === 'key-creative-element')!;
      const actions = await step('ask for quick fixes', () =>
        vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          script,
          passage.range,
          vscode.CodeActionKind.QuickFix.value,
        ),
      );
      const titles = actions.map((a) => a.title);
      assert.equal(new Set(titles).size, titles.length, `no title twice: ${titles.join(' | ')}`);
      const approvals = titles.filter((t) => t.startsWith('Record written approval'));
      assert.deepEqual(approvals, ['Record written approval for "Lifeboat voice-over"…'], 'one approval for the use, named by its title');
      assert.ok(titles.includes('Suppress "key-creative-element" for "Lifeboat voice-over"…'), titles.join(' | '));
      const settled = diagnostics.filter(
        (d) => ['final-deliverable', 'key-creative-element'].includes(ruleOf(d)) && d.range.intersection(passage.range),
      );
      assert.equal(settled.length, 2, 'two findings on the passage, each settled by written approval');
    } finally {
      writeFileSync(SCRIPT_SIDECAR.fsPath, original);
    }
  });

  /**
   * Runs `test` on the key art's sidecar written with `key` in place of `field`, once its finding of
   * `rule` is on that key; the sidecar as it was is put back after.
   */
  /** Writes the key-art sidecar as `edit` makes it, waits for `rule`'s finding on `key`, runs `test`, and restores it. */
  async function withKeyWritten(
    edit: (original: string) => string,
    key: string,
    rule: string,
    test: (finding: vscode.Diagnostic, document: vscode.TextDocument, original: string) => Promise<void>,
  ): Promise<void> {
    const original = readFileSync(KEY_ART_SIDECAR.fsPath, 'utf8');
    writeFileSync(KEY_ART_SIDECAR.fsPath, edit(original));
    try {
      const diagnostics = await waitForDiagnostics(KEY_ART_SIDECAR, (d) => d.some((x) => ruleOf(x) === rule));
      const finding = diagnostics.find((d) => ruleOf(d) === rule)!;
      await (await activateExtension()).whenIdle();
      const document = await vscode.workspace.openTextDocument(KEY_ART_SIDECAR);
      assert.equal(document.getText(finding.range), `"${key}"`, 'the squiggle is on the key written');
      await test(finding, document, original);
    } finally {
      writeFileSync(KEY_ART_SIDECAR.fsPath, original);
    }
  }

  it('marks a misspelled field at its key in the sidecar, and renames it with a quick fix', async () => {
    await withKeyWritten(
      (text) => text.replace('"prompt":', '"promt":'),
      'promt',
      'misspelled-field',
      async (finding, _document, original) => {
        const { fix: rename, offered } = await preferredQuickFix(KEY_ART_SIDECAR, finding.range, 'Rename "promt" to "prompt"');
        assert.ok(!offered.some((a) => a.title.startsWith('Suppress')), 'a use cannot suppress an integrity finding');
        await executeCommandOf(rename.command!);
        assert.deepEqual(
          JSON.parse(readFileSync(KEY_ART_SIDECAR.fsPath, 'utf8')),
          JSON.parse(original),
          'the record as it was, the key spelled right',
        );
        await waitForDiagnostics(KEY_ART_SIDECAR, (d) => !d.some((x) => ruleOf(x) === 'misspelled-field'));
      },
    );
  });

  it('renames a misspelled required field of a sidecar that does not validate, as an edit of its document', async () => {
    await withKeyWritten(
      (text) => text.replace('"purpose":', '"purpse":'),
      'purpse',
      'invalid-sidecar',
      async (invalid, document, original) => {
        assert.match(invalid.message, /uses\[0\]\.purpose: required field is missing .* the "purpse" written here looks like it/);
        const { fix: rename } = await preferredQuickFix(KEY_ART_SIDECAR, invalid.range, 'Rename "purpse" to "purpose"');
        assert.ok(rename.edit && !rename.command, 'offered as an edit of the document');
        assert.ok(await vscode.workspace.applyEdit(rename.edit));
        assert.equal(document.getText(), original, 'only the key changed');
        await document.save();
        await waitForDiagnostics(KEY_ART_SIDECAR, (d) => !d.some((x) => ruleOf(x) === 'invalid-sidecar'));
      },
    );
  });

  it('marks a field written beside the object it belongs in, and moves it inside with a quick fix', async () => {
    const besideTool = (text: string) =>
      text.replace(/"vendor": "Lumen Labs",\s*/, '').replace('"purpose":', '"vendor": "Lumen Labs",\n      "purpose":');
    await withKeyWritten(besideTool, 'vendor', 'misspelled-field', async (finding, _document, original) => {
      assert.match(finding.message, /"uses\[0\]\.vendor" is written beside "tool" but belongs inside it, as "uses\[0\]\.tool\.vendor"/);
      const { fix: move } = await preferredQuickFix(KEY_ART_SIDECAR, finding.range, 'Move "vendor" into "tool"');
      await executeCommandOf(move.command!);
      assert.deepEqual(JSON.parse(readFileSync(KEY_ART_SIDECAR.fsPath, 'utf8')), JSON.parse(original), 'the record as it was');
      await waitForDiagnostics(KEY_ART_SIDECAR, (d) => !d.some((x) => ruleOf(x) === 'misspelled-field'));
    });
  });

  it('moves a required field written beside its object, in a sidecar that does not validate, as an edit of its document', async () => {
    const besideTool = (text: string) =>
      text.replace(/"environment": "enterprise",\s*/, '').replace('"purpose":', '"environment": "enterprise",\n      "purpose":');
    await withKeyWritten(besideTool, 'environment', 'invalid-sidecar', async (invalid, document, original) => {
      assert.match(invalid.message, /the "environment" written beside "tool" belongs inside it/);
      const { fix: move } = await preferredQuickFix(KEY_ART_SIDECAR, invalid.range, 'Move "environment" into "tool"');
      assert.ok(move.edit && !move.command, 'offered as an edit of the document');
      assert.ok(await vscode.workspace.applyEdit(move.edit));
      assert.deepEqual(JSON.parse(document.getText()), JSON.parse(original), 'the record as it was');
      await document.save();
      await waitForDiagnostics(KEY_ART_SIDECAR, (d) => !d.some((x) => ruleOf(x) === 'invalid-sidecar'));
    });
  });

  it('points a suppression of no rule at the rule it looks like, with a quick fix, its reason kept', async () => {
    const suppressing = (text: string) =>
      text.replace('"suppressions": []', '"suppressions": [{ "rule": "copyrighted-materials", "reason": "Legal cleared the prompt" }]');
    await withKeyWritten(suppressing, 'copyrighted-materials', 'unknown-rule', async (finding) => {
      assert.match(
        finding.message,
        /suppresses "copyrighted-materials", which is not a rule checked here; did you mean "copyrighted-material"\?/,
      );
      const title = 'Suppress "copyrighted-material" instead of "copyrighted-materials"';
      const { fix: retarget } = await preferredQuickFix(KEY_ART_SIDECAR, finding.range, title);
      await executeCommandOf(retarget.command!);
      const sidecar = (await readJson(KEY_ART_SIDECAR)) as { uses: { suppressions: unknown[] }[] };
      assert.deepEqual(sidecar.uses[0].suppressions, [{ rule: 'copyrighted-material', reason: 'Legal cleared the prompt' }]);
      await waitForDiagnostics(inWorkspace('art', 'key-art.png'), (d) => !d.some((x) => ruleOf(x) === 'copyrighted-material'));
    });
  });

  it("lists an asset sidecar's findings on the binary asset in the Problems panel", async () => {
    const asset = inWorkspace('audio', 'temp-voice.wav');
    const diagnostics = await waitForDiagnostics(asset, (d) => d.some((x) => ruleOf(x) === 'talent-consent'));
    const consent = diagnostics.find((d) => ruleOf(d) === 'talent-consent')!;
    assert.equal(consent.severity, vscode.DiagnosticSeverity.Error);
    assert.match(consent.relatedInformation![0].location.uri.path, /temp-voice\.wav\.ai\.json$/);
  });

  it('suppresses a rule for one use with a reason, and explains the rule id on hover in the sidecar', async () => {
    await vscode.commands.executeCommand(COMMANDS.suppressRule, KEY_ART_SIDECAR.fsPath, 'key-art-concept', 'copyrighted-material', {
      reason: 'The poster is only a mood reference; legal cleared the prompt',
    });
    const sidecar = await readJson(KEY_ART_SIDECAR);
    assert.equal(sidecar.uses[0].suppressions[0].rule, 'copyrighted-material');
    await waitForDiagnostics(
      inWorkspace('art', 'key-art.png'),
      (d) => !d.some((x) => ruleOf(x) === 'copyrighted-material') && d.some((x) => ruleOf(x) === 'key-creative-element'),
    );
    const document = await vscode.workspace.openTextDocument(KEY_ART_SIDECAR);
    await vscode.window.showTextDocument(document);
    // The editor reloads a sidecar written on disk a moment later.
    const offset =
      (await eventually(
        vscode.workspace.onDidChangeTextDocument,
        () => document.getText().indexOf('"rule": "copyrighted-material"') + 1 || undefined,
        'the editor reloading the sidecar',
      )) - 1;
    const at = document.positionAt(offset + '"rule": "'.length + 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', KEY_ART_SIDECAR, at);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*Copyrighted or third\\-party material\*\* `copyrighted-material`/);
    assert.match(text, /What to do:/);
    assert.match(text, /command:aiDisclosure\.openRuleDocs/);
  });

  it('keeps a change made on disk when a fix follows at once, while the editor still shows the older text', async () => {
    const original = readFileSync(KEY_ART_SIDECAR.fsPath, 'utf8');
    const document = await vscode.workspace.openTextDocument(KEY_ART_SIDECAR);
    assert.equal(document.isDirty, false);
    try {
      // Another program (the CLI, a second window) writes the sidecar; the editor reloads it later.
      const data = JSON.parse(original);
      data.uses[0].description = 'Changed on disk by another tool';
      writeFileSync(KEY_ART_SIDECAR.fsPath, JSON.stringify(data, null, 2) + '\n');
      await vscode.commands.executeCommand(COMMANDS.markNotified, KEY_ART_SIDECAR.fsPath, 'key-art-concept');
      const after = await readJson(KEY_ART_SIDECAR);
      assert.equal(after.uses[0].description, 'Changed on disk by another tool', "the other writer's change survives");
      assert.match(after.uses[0].notified?.date ?? '', /^\d{4}-\d{2}-\d{2}$/);
    } finally {
      writeFileSync(KEY_ART_SIDECAR.fsPath, original);
    }
  });
});

describe('A record never lost, one bad file never hiding the rest', function () {
  this.timeout(60_000);
  before(async () => {
    await activateExtension();
  });
  afterEach(async () => closeAllEditors());

  it('takes over at once a lock left by a writer that crashed, and writes', async () => {
    const original = readFileSync(KEY_ART_SIDECAR.fsPath, 'utf8');
    const lock = `${KEY_ART_SIDECAR.fsPath}.lock`;
    // A process that has ended: its pid names no running process.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const holder = {
      pid: Number(gone.stdout),
      host: hostname(),
      program: 'ai-disclosure (command line)',
      since: Date.now(),
      token: 'crashed',
    };
    writeFileSync(lock, JSON.stringify(holder));
    try {
      const started = Date.now();
      await vscode.commands.executeCommand(COMMANDS.markNotified, KEY_ART_SIDECAR.fsPath, 'key-art-concept');
      const waited = Date.now() - started;
      const after = await readJson(KEY_ART_SIDECAR);
      assert.match(after.uses[0].notified?.date ?? '', /^\d{4}-\d{2}-\d{2}$/, 'the write landed');
      assert.equal(existsSync(lock), false, 'the lock is gone');
      assert.ok(waited < 5_000, `took over at once, not after the patience (${waited} ms)`);
    } finally {
      rmSync(lock, { force: true });
      writeFileSync(KEY_ART_SIDECAR.fsPath, original);
    }
  });

  it('reports a FIFO where a sidecar belongs as a finding, without hanging, and keeps every other finding', async () => {
    const fifo = inWorkspace('art', 'pipe.png.ai.json');
    execFileSync('mkfifo', [fifo.fsPath]);
    try {
      await vscode.commands.executeCommand(COMMANDS.recheck);
      const [finding] = await waitForDiagnostics(fifo, (d) => d.some((x) => ruleOf(x) === 'unreadable-file'));
      assert.match(finding.message, /not a regular file \(a FIFO, device or socket\)/);
      assert.ok(
        ourDiagnostics(inWorkspace('art', 'key-art.png')).length > 0 &&
          ourDiagnostics(inWorkspace('script', 'salt-line.fountain')).length > 0,
        'the rest of the production is still checked',
      );
    } finally {
      rmSync(fifo.fsPath, { force: true });
      await vscode.commands.executeCommand(COMMANDS.recheck);
    }
    await waitForDiagnostics(fifo, (d) => d.length === 0);
  });
});

describe('Hostile text in a sidecar', function () {
  this.timeout(60_000);
  const SCRIPT = inWorkspace('script', 'salt-line.fountain');

  it('is shown as text in hovers and the AI Uses view: no markup, no links, no commands', async () => {
    const api = await activateExtension();
    const original = readFileSync(SCRIPT_SIDECAR.fsPath, 'utf8');
    const attacks = [
      '<img src=x onerror="alert(1)">',
      '[Run this](command:workbench.action.terminal.new)',
      '[site](https://example.com/steal)',
      '![pixel](https://example.com/p.png)',
      '<script>alert(2)</script>',
      '$(alert) **bold** `code`',
    ];
    try {
      const data = JSON.parse(original);
      const use = data.uses.find((u: { id: string }) => u.id === 'lifeboat-voice-over');
      use.purpose = attacks.join(' ');
      use.tool.name = attacks[1];
      writeFileSync(SCRIPT_SIDECAR.fsPath, JSON.stringify(data, null, 2) + '\n');
      const record = await eventually(
        api.index.onDidChange,
        () => api.index.uses.find((r) => r.use.id === 'lifeboat-voice-over' && r.use.purpose.includes('onerror')),
        'the hostile sidecar read',
      );
      await vscode.window.showTextDocument(inWorkspace('script', 'salt-line.fountain'));
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        SCRIPT,
        new vscode.Position(record.range!.start.line - 1, 3),
      );
      const markdown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.ok(markdown.includes('onerror'), 'the text is there, as text');
      // Markdown shows a backslash-escaped character as itself: only an unescaped one could act.
      for (const raw of [
        /(?<!\\)<img/,
        /(?<!\\)<script/,
        /\]\(command:workbench/,
        /\]\(https:\/\/example\.com/,
        /(?<!\\)!\[pixel/,
        /\$\(alert\)/,
      ])
        assert.ok(!raw.test(markdown), `hover has ${raw} unescaped`);
      const commandLinks = [...markdown.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);
      assert.ok(commandLinks.length > 0 && commandLinks.every((id) => id.startsWith('aiDisclosure.')), commandLinks.join(', '));

      const item = api.usesView.getTreeItem({ kind: 'use', record });
      assert.equal(typeof item.label, 'string', 'tree labels are plain text');
      assert.equal(typeof item.tooltip, 'string', 'tooltips are plain text');
    } finally {
      writeFileSync(SCRIPT_SIDECAR.fsPath, original);
      await eventually(
        api.index.onDidChange,
        () => api.index.uses.find((r) => r.use.id === 'lifeboat-voice-over' && !r.use.purpose.includes('onerror')),
        'the sidecar restored',
      );
    }
  });
});
