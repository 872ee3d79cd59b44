import * as assert from 'node:assert/strict';
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { mediaCacheFileName } from '../../src/core/fs/mediaCache';
import { userMediaCacheFolder } from '../../src/core/fs/userCache';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { LiveProduction } from '../../src/core/workspace/liveProduction';
import { FileSystem } from '../../src/core/fs/fileSystem';
import { COMMANDS } from '../../src/vscode/constants';
import { cachedFacts } from '../support/mediaCacheFile';
import { compliantAnswers } from '../support/fixtures';
import { USES_PAGE } from '../../src/vscode/usesView';
import {
  activateExtension,
  closeAllEditors,
  eventually,
  executeCommandOf,
  inWorkspace,
  ourDiagnostics,
  readJson,
  ruleOf,
  step,
  waitForDiagnostics,
} from '../support/editor';

const SCRIPT = ['script', 'salt-line.fountain'];

describe('AI Disclosure in a real VS Code', function () {
  this.timeout(60_000);

  before(async () => {
    await activateExtension();
  });

  afterEach(async () => {
    await closeAllEditors();
  });

  it('puts diagnostics with the right rule codes and ranges on a tagged Fountain scene', async () => {
    const uri = inWorkspace(...SCRIPT);
    await vscode.window.showTextDocument(uri);
    const diagnostics = await waitForDiagnostics(uri, (d) => d.length >= 3);
    const byRule = new Map(diagnostics.map((d) => [ruleOf(d), d]));
    assert.deepEqual([...byRule.keys()].sort(), ['final-deliverable', 'key-creative-element', 'orphaned-tag']);
    const finalDeliverable = byRule.get('final-deliverable')!;
    assert.equal(finalDeliverable.range.start.line, 45, 'starts on the tagged voice-over (line 46)');
    assert.equal(finalDeliverable.range.end.line, 46);
    assert.equal(finalDeliverable.severity, vscode.DiagnosticSeverity.Warning);
    const code = finalDeliverable.code as { value: string; target: vscode.Uri };
    // The rule link in Problems runs the command that shows the rule's page rendered, as the quick fix does.
    assert.equal(code.target.scheme, 'command');
    assert.equal(code.target.path, COMMANDS.openRuleDocs);
    assert.deepEqual(JSON.parse(code.target.query), ['final-deliverable']);
    assert.match(finalDeliverable.relatedInformation![0].location.uri.path, /salt-line\.fountain\.ai\.json$/);
  });

  it('explains the rule in a hover over the tagged passage', async () => {
    const uri = inWorkspace(...SCRIPT);
    await vscode.window.showTextDocument(uri);
    await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'final-deliverable'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(46, 10));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /\*\*Lifeboat voice\\-over\*\* · Needs written approval/);
    assert.match(text, /Generated material in the final deliverables/);
    assert.match(text, /What to do:/);
    assert.match(text, /command:aiDisclosure\.markTemporary/);
  });

  it('applies a quick fix that changes the sidecar and clears the finding', async () => {
    // On the Fountain scene only this extension offers code actions; the editor's command gives up
    // on every provider when one cancels (the built-in Markdown one does while it starts).
    const uri = inWorkspace(...SCRIPT);
    await step('open the script', () => vscode.window.showTextDocument(uri));
    const [finalDeliverable] = (await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'final-deliverable'))).filter(
      (d) => ruleOf(d) === 'final-deliverable',
    );
    const actions = await step('ask for quick fixes', () =>
      vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        uri,
        finalDeliverable.range,
        vscode.CodeActionKind.QuickFix.value,
      ),
    );
    const fix = actions.find((a) => a.title === 'Mark "Lifeboat voice-over" as temporary (not in the final deliverables)');
    assert.ok(fix?.command, `quick fixes offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(fix.isPreferred, 'marking temporary is the preferred fix');
    await step('apply the quick fix', () => executeCommandOf(fix.command!));
    const sidecar = await readJson(inWorkspace('script', 'salt-line.fountain.ai.json'));
    const use = sidecar.uses.find((u: { id: string }) => u.id === 'lifeboat-voice-over');
    assert.equal(use.final, 'no');
    assert.match(use.updated, /^\d{4}-\d{2}-\d{2}T/);
    await waitForDiagnostics(
      uri,
      (d) => !d.some((x) => ruleOf(x) === 'final-deliverable') && d.some((x) => ruleOf(x) === 'key-creative-element'),
    );
  });

  it('tags a selection, writing a valid sidecar and marking the passage', async () => {
    const uri = inWorkspace('notes.txt');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('First paragraph.\n\nA line the assistant wrote.\nAnd another.\n'));
    const editor = await vscode.window.showTextDocument(uri);
    editor.selection = new vscode.Selection(2, 0, 3, 12);
    const [result] = await vscode.commands.executeCommand<{ useId: string; sidecarPath: string }[]>(
      COMMANDS.tagSelection,
      compliantAnswers,
    );
    assert.match(result.useId, /^ai-[0-9a-f]{8}$/);
    const sidecar = await readJson(inWorkspace('notes.txt.ai.json'));
    assert.equal(sidecar.version, 1);
    assert.equal(sidecar.subject.file, 'notes.txt');
    assert.equal(sidecar.uses[0].anchor.quote, 'A line the assistant wrote.\nAnd another.');
    const diagnostics = await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'notify-contact'));
    assert.equal(diagnostics[0].range.start.line, 2);
    const api = await activateExtension();
    assert.deepEqual(
      api.decorations.taggedRanges(uri).map((r) => [r.start.line, r.end.line]),
      [[2, 3]],
    );
  });

  it('exports the disclosure report in every format', async () => {
    for (const format of ['html', 'md', 'csv', 'json', 'sarif']) {
      const output = inWorkspace(`disclosure-report.${format}`);
      const written = await vscode.commands.executeCommand<string>(COMMANDS.exportReport, {
        format,
        scope: 'workspace',
        output: output.fsPath,
        open: false,
      });
      assert.equal(written, output.fsPath, format);
      assert.ok((await vscode.workspace.fs.stat(output)).size > 500, `${format} has content`);
    }
    const html = new TextDecoder().decode(await vscode.workspace.fs.readFile(inWorkspace('disclosure-report.html')));
    assert.match(html, /<h1>Generative AI disclosure: Salt Line \(sample production\)<\/h1>/);
    const json = await readJson(inWorkspace('disclosure-report.json'));
    assert.equal(json.uses.find((u: { id: string }) => u.id === 'harbour-master-face').status, 'denied');
  });

  it('exports what changed since an earlier report', async () => {
    const earlier = inWorkspace('earlier-report.json');
    const update = inWorkspace('update-report.md');
    await vscode.commands.executeCommand(COMMANDS.exportReport, {
      format: 'json',
      scope: 'workspace',
      output: earlier.fsPath,
      open: false,
    });
    const written = await vscode.commands.executeCommand<string>(COMMANDS.exportReport, {
      format: 'md',
      scope: 'workspace',
      output: update.fsPath,
      since: earlier.fsPath,
      open: false,
    });
    assert.equal(written, update.fsPath);
    const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(update));
    assert.match(
      text,
      /## Changes since the report of \d{4}-\d{2}-\d{2} \(version [0-9a-f]{8}\)\n\nNo use was added, removed or changed\./,
    );
    await vscode.workspace.fs.delete(earlier);
    await vscode.workspace.fs.delete(update);
  });

  it('shows a report exported again in the tab already showing it', async () => {
    const output = inWorkspace('tabbed-report.html');
    const reportTabs = () => vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.label === 'tabbed-report.html');
    for (let i = 0; i < 2; i++) {
      await vscode.commands.executeCommand(COMMANDS.exportReport, { format: 'html', scope: 'workspace', output: output.fsPath });
    }
    assert.equal(reportTabs().length, 1);
    await vscode.workspace.fs.delete(output);
  });

  it("exports from the editor's live model, reading, hashing and parsing nothing again", async () => {
    const api = await activateExtension();
    await api.whenIdle();
    const before = { ...api.fileSystemCalls };
    await vscode.commands.executeCommand(COMMANDS.exportReport, {
      format: 'json',
      scope: 'workspace',
      output: inWorkspace('hashed-report.json').fsPath,
      open: false,
    });
    const calls = Object.fromEntries(Object.entries(api.fileSystemCalls).map(([member, n]) => [member, n - (before[member] ?? 0)]));
    // Writing the report (a temporary file renamed over it) is all the export asks of the disk.
    for (const member of ['readFile', 'readText', 'openForReading', 'sha256', 'readDirectory'])
      assert.equal(calls[member] ?? 0, 0, `${member}: ${JSON.stringify(calls)}`);
    const report = await readJson(inWorkspace('hashed-report.json'));
    assert.equal(report.summary.uses, api.index.uses.length);

    // The export changed nothing the editor shows: it is sent nothing again.
    const resent: string[] = [];
    await api.whenIdle();
    const listening = api.diagnostics.onDidSend((uris) => resent.push(...uris.map((uri) => uri.path)));
    try {
      await api.index.rescan();
      await api.whenIdle();
    } finally {
      listening.dispose();
    }
    assert.deepEqual(resent, []);
  });

  it("keeps what media said (hashes, provenance) for the next session in the user's cache folder, as the CLI does", async () => {
    const api = await activateExtension();
    await api.index.whenReady();
    await api.index.saveMediaCaches();
    const root = inWorkspace().path;
    const file = path.join(process.env.XDG_CACHE_HOME!, 'ai-disclosure', 'media-v1', mediaCacheFileName(root));
    const stored = cachedFacts(await fsp.readFile(file, 'utf8'));
    const entries = stored.sha256;
    const keyArt = `${root}/art/key-art.png`;
    assert.ok(entries[keyArt], `${file} holds ${Object.keys(entries).join(', ')}`);
    const sidecar = await readJson(inWorkspace('art', 'key-art.png.ai.json'));
    assert.equal(entries[keyArt][2], sidecar.subject.sha256, 'the hash the check compared with the tag');
    assert.ok(
      Object.keys(entries).every((media) => media.startsWith(`${root}/`)),
      "this production's media only",
    );
    // And what the headers of untagged media said: the moodboard is marked as AI-made, the frames are not.
    assert.equal(stored.provenance[`${root}/art/moodboard-storm.png`]?.[2]?.generative, true, Object.keys(stored.provenance).join(', '));
    assert.equal(stored.provenance[`${root}/frames/sh010/sh010_comp_v003.1001.png`], undefined, 'covered by a folder use: not read');

    // A new session: a model of its own over the same production and cache folder. Its first scan
    // takes the key art's hash and the moodboard's verdict from the file, reading neither.
    const read: string[] = [];
    const fs: FileSystem = {
      ...nodeFileSystem,
      sha256: (f) => (read.push(f), nodeFileSystem.sha256(f)),
      openForReading: (f) => (read.push(f), nodeFileSystem.openForReading(f)),
    };
    const nextSession = new LiveProduction(
      fs,
      { roots: () => [root], loadCustomPacks: () => true },
      { mediaCacheFolder: userMediaCacheFolder },
    );
    await nextSession.rescan();
    nextSession.dispose();
    assert.deepEqual(
      read.filter((f) => f === keyArt || f.endsWith('/art/moodboard-storm.png')),
      [],
      `read again: ${read.join(', ')}`,
    );
    assert.ok(nextSession.isUndeclared(`${root}/art/moodboard-storm.png`), 'still found undeclared, from the kept verdict');
  });

  it('exports a report for the open script alone', async () => {
    await vscode.window.showTextDocument(inWorkspace(...SCRIPT));
    const output = inWorkspace('script-report.json');
    await vscode.commands.executeCommand(COMMANDS.exportReport, { format: 'json', scope: 'script', output: output.fsPath, open: false });
    const report = await readJson(output);
    assert.deepEqual(
      report.uses.map((u: { files: string[] }) => u.files[0]),
      report.uses.map(() => 'script/salt-line.fountain'),
    );
  });

  it("opens an asset's use in its form, and back as JSON", async () => {
    const api = await activateExtension();
    const sidecar = inWorkspace('art', 'key-art.png.ai.json');
    const shown = new Promise((resolve) => api.useForms.onDidShowForm(resolve));
    await vscode.commands.executeCommand(COMMANDS.revealUse, sidecar.fsPath, 'key-art-concept');
    assert.equal(await shown, sidecar.fsPath.replace(/\\/g, '/'));
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputCustom, 'a form, not the JSON');
    assert.equal(input.viewType, 'aiDisclosure.useForm');
    await vscode.commands.executeCommand(COMMANDS.openSidecarAsJson);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, sidecar.fsPath);
  });

  it("saves a form change through the store, and the editor's undo takes it back", async () => {
    const api = await activateExtension();
    const sidecar = inWorkspace('art', 'key-art.png.ai.json');
    const before = await readJson(sidecar);
    await vscode.commands.executeCommand(COMMANDS.editUse, sidecar.fsPath, 'key-art-concept');
    const document = await vscode.workspace.openTextDocument(sidecar);
    const reloaded = (text: string) =>
      eventually(vscode.workspace.onDidChangeTextDocument, () => (document.getText().includes(text) ? true : undefined), text);

    assert.deepEqual(await api.useForms.saveChanges(document, 'key-art-concept', { 'approval.date': 'soon' }), {
      'approval.date': 'Expected a date written year-month-day, such as 2026-03-01',
    });
    assert.deepEqual(await readJson(sidecar), before, 'nothing written while a field is wrong');

    assert.deepEqual(await api.useForms.saveChanges(document, 'key-art-concept', { final: 'no' }), {});
    const written = await readJson(sidecar);
    assert.equal(written.uses[0].final, 'no');
    assert.deepEqual({ ...written.uses[0], final: 'yes', updated: undefined }, { ...before.uses[0], updated: undefined });
    await reloaded('"final": "no"');
    await eventually(
      api.index.onDidChange,
      () => (api.index.usesOf(sidecar.fsPath)?.[0].use.final === 'no' ? true : undefined),
      're-check',
    );

    await vscode.commands.executeCommand('undo');
    await reloaded('"final": "yes"');
    await eventually(vscode.workspace.onDidSaveTextDocument, () => (document.isDirty ? undefined : true), 'the undo saved');
    assert.deepEqual(await readJson(sidecar), before);
  });

  it('groups the AI Uses view by status and by rule, with counts', async () => {
    const api = await activateExtension();
    const byStatus = api.usesView.groups().map((g) => [g.label, g.records.length]);
    assert.deepEqual(byStatus[0], ['Violates a guideline', 2]);
    api.usesView.setGroupBy('rule');
    const byRule = new Map(api.usesView.groups().map((g) => [g.label, g.records.length]));
    assert.equal(byRule.get('Could be taken for real without telling the audience (misleading-audience)'), 1);
    api.usesView.setGroupBy('status');
  });

  it('lists a large group of the AI Uses view a page at a time, with a "show more" item', async () => {
    const api = await activateExtension();
    const folder = inWorkspace('stills-pages');
    const template = (await readJson(inWorkspace('art', 'key-art.png.ai.json'))).uses[0];
    const uses = Array.from({ length: USES_PAGE + 30 }, (_, i) => ({
      ...template,
      id: `still-${String(i).padStart(3, '0')}`,
      files: ['*.png'],
    }));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, 'still.png'), new Uint8Array([1]));
    await vscode.workspace.fs.writeFile(
      vscode.Uri.joinPath(folder, '.ai.json'),
      new TextEncoder().encode(JSON.stringify({ version: 1, uses }, null, 2)),
    );
    try {
      const ours = (records: { sidecar: string }[]) => records.filter((r) => r.sidecar.endsWith('/stills-pages/.ai.json')).length;
      await eventually(api.index.onDidChange, () => (ours(api.index.uses) === uses.length ? true : undefined), "the folder's uses");
      const groupOf = () => api.usesView.groups().find((g) => ours(g.records) === uses.length)!;
      const total = groupOf().records.length;
      const first = api.usesView.getChildren(groupOf());
      assert.equal(first.length, USES_PAGE + 1, 'a page and a "show more" item');
      const more = api.usesView.getTreeItem(first[USES_PAGE]);
      assert.equal(more.label, `Show ${Math.min(USES_PAGE, total - USES_PAGE)} more`);
      assert.equal(more.description, `${USES_PAGE} of ${total} shown`);
      await executeCommandOf(more.command!);
      const second = api.usesView.getChildren(groupOf());
      assert.equal(second.length, Math.min(total, 2 * USES_PAGE) + (total > 2 * USES_PAGE ? 1 : 0));
      assert.ok(second.slice(0, Math.min(total, 2 * USES_PAGE)).every((node) => node.kind === 'use'));
    } finally {
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
    await eventually(
      api.index.onDidChange,
      () => (api.index.uses.some((r) => r.sidecar.includes('/stills-pages/')) ? undefined : true),
      'the uses gone with their folder',
    );
  });

  it('covers every frame of a burst written into a folder by another program', async () => {
    const api = await activateExtension();
    const folder = inWorkspace('render-burst');
    const sidecar = vscode.Uri.joinPath(folder, '.ai.json');
    const template = (await readJson(inWorkspace('art', 'key-art.png.ai.json'))).uses[0];
    await vscode.workspace.fs.writeFile(
      sidecar,
      new TextEncoder().encode(JSON.stringify({ version: 1, uses: [{ ...template, id: 'render-burst', files: ['*.exr'] }] }, null, 2)),
    );
    const corePath = sidecar.path;
    const covered = () => api.index.usesOf(corePath)?.[0]?.subjects.length ?? -1;
    try {
      await eventually(api.index.onDidChange, () => (covered() === 0 ? true : undefined), 'the folder sidecar checked');
      // Written by another program, as a render does: through the file system, not the editor.
      // (How many times the folder sidecar is re-checked for such a burst: the model's unit test.)
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          fsp.writeFile(vscode.Uri.joinPath(folder, `frame.${String(i).padStart(4, '0')}.exr`).fsPath, 'exr'),
        ),
      );
      await eventually(api.index.onDidChange, () => (covered() === 60 ? true : undefined), 'the use covering all 60 frames');
    } finally {
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
    await eventually(api.index.onDidChange, () => (api.index.usesOf(corePath) ? undefined : true), 'the use gone with its folder');
  });

  it('takes in a copy of 40 tagged stills with their sidecars in a few changes, not one per sidecar', async () => {
    const api = await activateExtension();
    const folder = inWorkspace('vendor-drop');
    const template = (await readJson(inWorkspace('art', 'key-art.png.ai.json'))).uses[0];
    const sidecars = Array.from({ length: 40 }, (_, i) => vscode.Uri.joinPath(folder, `still-${i}.png.ai.json`).path);
    // Every change event the views hear (each redraws what the change names).
    let changes = 0;
    const counting = api.index.onDidChange(() => changes++);
    try {
      // Copied by another program: through the file system, not the editor.
      await fsp.mkdir(folder.fsPath, { recursive: true });
      await Promise.all(
        sidecars.map(async (sidecar, i) => {
          await fsp.writeFile(sidecar.slice(0, -'.ai.json'.length), `png ${i}`);
          await fsp.writeFile(
            sidecar,
            JSON.stringify({ version: 1, subject: { file: `still-${i}.png` }, uses: [{ ...template, id: `vendor-${i}` }] }, null, 2),
          );
        }),
      );
      await eventually(
        api.index.onDidChange,
        () => (sidecars.every((sidecar) => api.index.usesOf(sidecar)) ? true : undefined),
        "every still's use in the index",
      );
      // One per batch the watcher delivers (a few), not one per sidecar.
      assert.ok(changes < sidecars.length / 2, `${changes} index changes for ${sidecars.length} sidecars`);
      assert.deepEqual(
        api.index.usesFor(sidecars[7].slice(0, -'.ai.json'.length)).map((record) => record.use.id),
        ['vendor-7'],
      );
    } finally {
      counting.dispose();
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
    await eventually(
      api.index.onDidChange,
      () => (sidecars.some((sidecar) => api.index.usesOf(sidecar)) ? undefined : true),
      'the uses gone with their folder',
    );
  });

  it('redraws the AI Uses view once for a burst of re-checks, not once per re-check', async () => {
    const api = await activateExtension();
    const sidecar = inWorkspace('audio', 'temp-voice.wav.ai.json').fsPath;
    let redraws = 0;
    let changes = 0;
    const listening = [api.usesView.onDidChangeTreeData(() => redraws++), api.index.onDidChange(() => changes++)];
    try {
      // As typing does: the index changes again and again, a few milliseconds apart.
      for (let i = 0; i < 10; i++) await api.index.recheckFile(sidecar);
      assert.equal(redraws, 0, 'not redrawn while the changes keep coming');
      await api.whenIdle();
      // Once for the burst (other work of the editor's may add a change of its own meanwhile).
      assert.ok(redraws >= 1 && redraws < changes / 2, `${redraws} redraws for ${changes} changes`);
    } finally {
      listening.forEach((l) => l.dispose());
    }
  });

  it('moves a tagged range when lines are inserted above it, and back when the edit is undone', async () => {
    const uri = inWorkspace(...SCRIPT);
    const editor = await vscode.window.showTextDocument(uri);
    const before = await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'key-creative-element' && x.range.start.line === 45));
    const count = before.length;
    await editor.edit((edit) => edit.insert(new vscode.Position(10, 0), 'A new line of action.\n\nAnother.\n'));
    const moved = await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'key-creative-element' && x.range.start.line === 48));
    assert.equal(moved.find((x) => ruleOf(x) === 'key-creative-element')!.range.end.line, 49, 'the whole passage moved');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitForDiagnostics(uri, (d) => d.some((x) => ruleOf(x) === 'key-creative-element' && x.range.start.line === 45)).catch(
      async (error) => {
        const api = await activateExtension();
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        throw new Error(
          `${error.message}; dirty ${doc?.isDirty}, still edited ${doc?.getText().includes('A new line of action')}, tracked ${JSON.stringify([...(api.tracker.rangesOf(uri.fsPath) ?? new Map())])}, record ${JSON.stringify(api.index.usesFor(uri.fsPath).map((r) => [r.use.id, r.range?.start.line]))}`,
        );
      },
    );
    assert.equal(ourDiagnostics(uri).length, count);
  });
});
