import * as assert from 'node:assert/strict';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/vscode/constants';
import {
  activateExtension,
  eventually,
  inWorkspace,
  ourDiagnostics,
  quickFixesAt,
  readJson,
  ruleOf,
  waitForDiagnostics,
} from '../support/editor';

const MOODBOARD = inWorkspace('art', 'moodboard-storm.png');
const MOODBOARD_SIDECAR = inWorkspace('art', 'moodboard-storm.png.ai.json');
const VOICE = inWorkspace('audio', 'temp-voice.wav');
const VOICE_SIDECAR = inWorkspace('audio', 'temp-voice.wav.ai.json');
const has = (rule: string) => (d: vscode.Diagnostic[]) => d.some((x) => ruleOf(x) === rule);
const lacks = (rule: string) => (d: vscode.Diagnostic[]) => !d.some((x) => ruleOf(x) === rule);

describe('Assets in a real VS Code: provenance, renames, missing files', function () {
  this.timeout(60_000);

  it('asks its questions when tagging from metadata is chosen in the Explorer, which passes the selection as an argument', async () => {
    await activateExtension();
    // As the Explorer calls a context-menu command: the clicked file, then every selected file.
    const tagging = Promise.resolve(vscode.commands.executeCommand(COMMANDS.tagFromMetadata, MOODBOARD, [MOODBOARD]));
    let settled = false;
    void tagging.finally(() => (settled = true));
    // A question is waiting for the person: dismiss it (Escape), as someone who changed their mind.
    for (let i = 0; i < 100 && !settled; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      if (!settled) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    }
    assert.equal(await tagging, undefined, 'nothing recorded without answers');
    assert.equal(existsSync(MOODBOARD_SIDECAR.fsPath), false, 'no sidecar written');
  });

  it('reports an asset its own metadata marks as AI-made, badges it, and tags it from that metadata', async () => {
    const api = await activateExtension();
    const [finding] = (await waitForDiagnostics(MOODBOARD, has('undeclared-ai-asset'))).filter((d) => ruleOf(d) === 'undeclared-ai-asset');
    assert.match(finding.message, /XMP digital source type "trainedAlgorithmicMedia"; made with Imagen Studio 3\.1/);
    assert.equal(finding.severity, vscode.DiagnosticSeverity.Warning);
    const badge = api.badges.provideFileDecoration(MOODBOARD);
    assert.equal(badge?.badge, 'AI');
    assert.match(String(badge?.tooltip), /no AI use is recorded/);
    const top = api.usesView.getChildren();
    const undeclared = top.find((node) => node.kind === 'undeclared');
    assert.ok(undeclared, 'the AI Uses view lists it');
    assert.deepEqual(
      api.usesView.getChildren(undeclared).map((node) => api.usesView.getTreeItem(node).label),
      ['moodboard-storm.png'],
    );

    try {
      await vscode.commands.executeCommand(COMMANDS.tagFromMetadata, MOODBOARD.fsPath, {
        purpose: 'Mood board for the storm sequence',
        final: 'no',
        keyCreative: 'no',
      });
      const sidecar = await readJson(MOODBOARD_SIDECAR);
      const [use] = sidecar.uses;
      assert.deepEqual(
        { name: use.tool.name, version: use.tool.version, environment: use.tool.environment },
        { name: 'Imagen Studio', version: '3.1', environment: 'unknown' },
      );
      assert.equal(use.prompt, 'storm clouds over a harbour wall at dawn');
      assert.equal(use.provenanceMarked, 'yes');
      assert.match(sidecar.subject.sha256, /^[0-9a-f]{64}$/);
      // Declared now: the finding goes; the tool's unknown terms are flagged instead, cautiously.
      const after = await waitForDiagnostics(MOODBOARD, (d) => lacks('undeclared-ai-asset')(d) && has('data-retention')(d));
      assert.ok(after.length > 0);
      assert.equal(api.index.isUndeclared(MOODBOARD.fsPath), false);
      assert.doesNotMatch(String(api.badges.provideFileDecoration(MOODBOARD)?.tooltip), /no AI use is recorded/);
    } finally {
      rmSync(MOODBOARD_SIDECAR.fsPath, { force: true });
      await waitForDiagnostics(MOODBOARD, has('undeclared-ai-asset'));
    }
  });

  it('reads an XMP file written beside an image, and forgets what it said when it goes', async () => {
    await activateExtension();
    const concept = inWorkspace('art', 'concept-retouch.png');
    const xmp = inWorkspace('art', 'concept-retouch.xmp');
    // The repository's own files (the workspace is a copy of the sample production).
    const fixtures = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'provenance');
    try {
      writeFileSync(concept.fsPath, readFileSync(path.join(fixtures, 'plain.png')));
      writeFileSync(xmp.fsPath, readFileSync(path.join(fixtures, 'xmp-sidecar.xmp')));
      const [finding] = (await waitForDiagnostics(concept, has('undeclared-ai-asset'))).filter((d) => ruleOf(d) === 'undeclared-ai-asset');
      assert.match(finding.message, /an XMP sidecar's digital source type "compositeWithTrainedAlgorithmicMedia"; made with Fill Studio 2/);
      rmSync(xmp.fsPath);
      await waitForDiagnostics(concept, lacks('undeclared-ai-asset'));
    } finally {
      rmSync(xmp.fsPath, { force: true });
      rmSync(concept.fsPath, { force: true });
    }
  });

  it('moves the sidecar along when a tagged file is renamed in the editor', async () => {
    const api = await activateExtension();
    const original = inWorkspace('art', 'key-art.png');
    const renamed = inWorkspace('art', 'key-art-final.png');
    const edit = (from: vscode.Uri, to: vscode.Uri) => {
      const rename = new vscode.WorkspaceEdit();
      rename.renameFile(from, to);
      return vscode.workspace.applyEdit(rename);
    };
    assert.ok(await edit(original, renamed));
    try {
      const sidecarUri = inWorkspace('art', 'key-art-final.png.ai.json');
      // The new sidecar is written before the old one is removed: wait for both steps.
      const moved = await eventually(
        api.index.onDidChange,
        () =>
          existsSync(sidecarUri.fsPath) && !existsSync(inWorkspace('art', 'key-art.png.ai.json').fsPath) ? readJson(sidecarUri) : undefined,
        'the moved sidecar, and the old one gone',
      );
      assert.equal(moved.subject.file, 'key-art-final.png');
      assert.equal(existsSync(inWorkspace('art', 'key-art.png.ai.json').fsPath), false);
      await waitForDiagnostics(inWorkspace('art', 'key-art-final.png'), (d) => d.length > 0);
      assert.ok(lacks('missing-subject')(ourDiagnostics(sidecarUri)));
    } finally {
      assert.ok(await edit(renamed, original));
      await eventually(
        api.index.onDidChange,
        () => existsSync(inWorkspace('art', 'key-art.png.ai.json').fsPath) || undefined,
        'the sidecar moved back',
      );
    }
  });

  it('offers to re-link or delete a sidecar whose file is gone, and re-links it', async () => {
    const elsewhere = inWorkspace('audio', 'temp-voice-take2.wav');
    const relinked = inWorkspace('audio', 'temp-voice-take2.wav.ai.json');
    const original = readFileSync(VOICE_SIDECAR.fsPath);
    renameSync(VOICE.fsPath, elsewhere.fsPath);
    try {
      const diagnostics = await waitForDiagnostics(VOICE_SIDECAR, has('missing-subject'));
      // The new file's events are still being taken up (its headers read): ask once they are.
      await (await activateExtension()).whenIdle();
      const missing = diagnostics.find((d) => ruleOf(d) === 'missing-subject')!;
      const titles = (await quickFixesAt(VOICE_SIDECAR, missing.range)).map((a) => a.title);
      assert.ok(titles.includes('Re-link the tags to a file…') && titles.includes('Delete this sidecar…'), titles.join(' | '));

      await vscode.commands.executeCommand(COMMANDS.relinkSidecar, VOICE_SIDECAR.fsPath, { file: elsewhere.fsPath });
      assert.equal((await readJson(relinked)).subject.file, 'temp-voice-take2.wav');
      await waitForDiagnostics(elsewhere, has('talent-consent'));
      assert.ok(lacks('missing-subject')(ourDiagnostics(relinked)));
      assert.equal(ourDiagnostics(VOICE_SIDECAR).length, 0, 'nothing left on the old sidecar');
    } finally {
      renameSync(elsewhere.fsPath, VOICE.fsPath);
      rmSync(relinked.fsPath, { force: true });
      writeFileSync(VOICE_SIDECAR.fsPath, original);
      await waitForDiagnostics(VOICE_SIDECAR, lacks('missing-subject'));
      await waitForDiagnostics(VOICE, has('talent-consent'));
    }
  });

  it('tags frames selected together as one sequence in the folder sidecar, badging every frame', async () => {
    const api = await activateExtension();
    const folder = inWorkspace('plates', 'sh040');
    mkdirSync(folder.fsPath, { recursive: true });
    const frames = Array.from({ length: 6 }, (_, i) =>
      vscode.Uri.joinPath(folder, `sh040_plate_v002.${String(i + 1).padStart(4, '0')}.exr`),
    );
    for (const frame of frames) writeFileSync(frame.fsPath, 'frame');
    try {
      const answers = {
        tool: { name: 'Sky Gen', environment: 'enterprise', retainsInputs: 'no', trainsOnInputs: 'no' },
        purpose: 'Sky replacement plates',
        final: 'no',
        keyCreative: 'no',
      };
      const redrawn: string[] = [];
      const listening = api.badges.onDidChangeFileDecorations((uris) =>
        redrawn.push(...(uris ? uris.map((u) => u.fsPath) : ['(everything)'])),
      );
      // As the Explorer calls it: the clicked item, then the whole selection.
      await vscode.commands.executeCommand(COMMANDS.tagFiles, frames[0], frames, answers);
      const sidecar = await readJson(vscode.Uri.joinPath(folder, '.ai.json'));
      assert.equal(sidecar.uses.length, 1);
      assert.deepEqual(sidecar.uses[0].files, ['sh040_plate_v002.[0-9][0-9][0-9][0-9].exr']);
      assert.equal(readdirSync(folder.fsPath).filter((f) => f.endsWith('.ai.json')).length, 1, 'no sidecar per frame');
      await eventually(
        api.index.onDidChange,
        () => api.index.uses.find((r) => r.use.purpose === 'Sky replacement plates' && r.subjects.length === 6),
        'the sequence use covering six frames',
      );
      for (const frame of frames) assert.equal(api.badges.provideFileDecoration(frame)?.badge, 'AI');
      listening.dispose();
      // Only what changed is redrawn: the new frames, not every tagged file of the production.
      assert.ok(
        frames.every((frame) => redrawn.includes(frame.fsPath)),
        'the frames are redrawn',
      );
      assert.ok(
        !redrawn.some((file) => file.endsWith('key-art.png') || file === '(everything)'),
        `untouched files are not redrawn: ${redrawn.length} redrawn`,
      );
    } finally {
      await vscode.workspace.fs.delete(folder, { recursive: true });
    }
    await eventually(
      api.index.onDidChange,
      () => (api.index.uses.some((r) => r.use.purpose === 'Sky replacement plates') ? undefined : true),
      'the sequence use gone with its folder',
    );
  });
});

describe('A full rescan in a real VS Code', function () {
  this.timeout(60_000);

  it('redraws the Explorer badges with one "everything" message, and keeps them right', async () => {
    const api = await activateExtension();
    await api.index.whenReady();
    const redrawn: (readonly vscode.Uri[] | undefined)[] = [];
    const listening = api.badges.onDidChangeFileDecorations((uris) => redrawn.push(uris));
    try {
      await api.index.rescan();
      await eventually(api.badges.onDidChangeFileDecorations, () => (redrawn.length > 0 ? true : undefined), 'a redraw after the rescan');
      assert.deepEqual(redrawn, [undefined], 'one message, not a list of every tagged file');
      assert.equal(api.badges.provideFileDecoration(inWorkspace('art', 'key-art.png'))?.badge, 'AI');
    } finally {
      listening.dispose();
    }
  });

  it("keeps the by-file lookup on the records of the latest check, folder sidecars' frames included", async () => {
    const api = await activateExtension();
    await api.index.rescan();
    const current = new Set(api.index.uses);
    let frames = 0;
    for (const record of current) {
      for (const subject of record.subjects) {
        const found = api.index.usesFor(subject);
        assert.ok(found.includes(record), `${subject}: the latest record of "${record.use.id}"`);
        assert.ok(
          found.every((r) => current.has(r)),
          `${subject}: no record of an earlier check`,
        );
        if (record.use.files) frames++;
      }
    }
    assert.ok(frames > 0, "a folder sidecar's files were among them");
  });

  it('sends the editor no diagnostics again when nothing changed', async () => {
    const api = await activateExtension();
    // Whatever earlier tests left to settle (a folder they deleted) is settled by a first rescan.
    await api.index.rescan();
    await api.whenIdle();
    const ours = new Set<string>();
    const listening = api.diagnostics.onDidSend((uris) => uris.forEach((uri) => ours.add(uri.fsPath)));
    try {
      await api.index.rescan();
      await api.whenIdle();
      assert.deepEqual([...ours], [], 'an unchanged production: nothing sent again');
    } finally {
      listening.dispose();
    }
  });

  it('lists the workspace through Node without following a symbolic link out of the production', async () => {
    const api = await activateExtension();
    const outside = mkdtempSync(path.join(tmpdir(), 'outside-production-'));
    const link = inWorkspace('linked-elsewhere');
    cpSync(inWorkspace('art', 'key-art.png').fsPath, path.join(outside, 'poster.png'));
    cpSync(inWorkspace('art', 'key-art.png.ai.json').fsPath, path.join(outside, 'poster.png.ai.json'));
    symlinkSync(outside, link.fsPath, 'dir');
    try {
      await api.index.rescan();
      assert.ok(
        api.index.uses.some((r) => r.sidecar.endsWith('/art/key-art.png.ai.json')),
        'the production itself is scanned',
      );
      assert.ok(!api.index.uses.some((r) => r.sidecar.includes('linked-elsewhere')), 'nothing behind the link');
    } finally {
      rmSync(link.fsPath);
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('Counts kept sidecar by sidecar', function () {
  this.timeout(60_000);

  it('keep the status bar equal to a full count as uses are added and removed', async () => {
    const api = await activateExtension();
    // Counted here from the statuses, not with the status bar's own function.
    const fullCount = () => {
      const uses = api.index.uses;
      const withStatus = (...statuses: string[]) => uses.filter((r) => statuses.includes(r.status)).length;
      return { uses: uses.length, blocking: withStatus('violation', 'denied'), approval: withStatus('needs-approval', 'pending') };
    };
    assert.deepEqual(api.statusBar.counts, fullCount());
    const before = fullCount();
    const plate = inWorkspace('plates-sh050', 'sh050_sky.exr');
    mkdirSync(vscode.Uri.joinPath(plate, '..').fsPath, { recursive: true });
    writeFileSync(plate.fsPath, 'plate');
    try {
      // A consumer tool that may keep or train on what it is given: outside the guidelines.
      const answers = {
        tool: { name: 'Sky Gen', environment: 'consumer', retainsInputs: 'unknown', trainsOnInputs: 'unknown' },
        purpose: 'Sky plate',
        final: 'no',
        keyCreative: 'no',
      };
      await vscode.commands.executeCommand(COMMANDS.tagFiles, plate, [plate], answers);
      await eventually(api.index.onDidChange, () => api.index.uses.find((r) => r.use.purpose === 'Sky plate'), 'the new use');
      assert.deepEqual(api.statusBar.counts, fullCount());
      assert.equal(api.statusBar.counts.uses, before.uses + 1);
      // Not compliant: it counts as blocking or as needing approval.
      assert.equal(api.statusBar.counts.blocking + api.statusBar.counts.approval, before.blocking + before.approval + 1);
    } finally {
      // Deleted as the Explorer does it: the folder at once, reported alone.
      await vscode.workspace.fs.delete(vscode.Uri.joinPath(plate, '..'), { recursive: true });
    }
    // Its sidecar's use goes with the folder.
    await eventually(
      api.index.onDidChange,
      () => (api.index.uses.some((r) => r.use.purpose === 'Sky plate') ? undefined : true),
      'the use gone with its folder',
    );
    assert.deepEqual(api.statusBar.counts, fullCount());
    assert.equal(api.statusBar.counts.uses, before.uses);

    // A rescan is a change of everything: recounted over a few turns, to the same full count.
    await api.index.rescan();
    await api.statusBar.whenCounted();
    assert.deepEqual(api.statusBar.counts, fullCount());
  });
});
