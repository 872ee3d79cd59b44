import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { NETWORK_PACK, networkPackListing } from '../support/networkPack';
import {
  activateExtension,
  editsProjectConfig,
  eventually,
  hoverTextAt,
  inWorkspace,
  ourDiagnostics,
  quickFixesAt,
  readJson,
  ruleOf,
  step,
  waitForDiagnostics,
  writeText,
} from '../support/editor';

const ARCHIVE = inWorkspace('archive', 'harbour-1953.png');
const ARCHIVE_SIDECAR = inWorkspace('archive', 'harbour-1953.png.ai.json');

describe('A guideline pack switched on in a real VS Code', function () {
  this.timeout(60_000);
  const config = editsProjectConfig(() => waitForDiagnostics(ARCHIVE, (d) => !d.some((x) => ruleOf(x).startsWith('apa-'))));

  it("shows the documentary pack's finding, explains it, and fixes it", async () => {
    await writeText(config.uri, JSON.stringify({ ...JSON.parse(config.original()), packs: ['studio', 'documentary'] }, null, 2));
    const diagnostics = await waitForDiagnostics(ARCHIVE, (d) => d.some((x) => ruleOf(x) === 'apa-audience-transparency'));
    const finding = diagnostics.find((d) => ruleOf(d) === 'apa-audience-transparency')!;
    assert.match(finding.message, /AI use "Recreated 1953 harbour photograph" is in the final cut and viewers are not told/);
    assert.equal((finding.code as { target: vscode.Uri }).target.query, JSON.stringify(['apa-audience-transparency']));

    const document = await vscode.workspace.openTextDocument(ARCHIVE_SIDECAR);
    await vscode.window.showTextDocument(document);
    // The built-in JSON server cancels requests while it starts, which aborts the editor's code
    // action command for every provider: wait until it answers one request.
    await step('wait for the JSON language server', () =>
      vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', ARCHIVE_SIDECAR),
    );
    const actions = await step('ask for quick fixes', () =>
      vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        ARCHIVE_SIDECAR,
        // The asset has no text: its fixes are offered on the sidecar field the finding relates to.
        finding.relatedInformation![0].location.range,
        vscode.CodeActionKind.QuickFix.value,
      ),
    );
    const fix = actions.find((a) => a.title === 'Record how the audience is told of "Recreated 1953 harbour photograph"…' && a.isPreferred);
    assert.ok(fix?.command, actions.map((a) => a.title).join(' | '));
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []), {
      disclosure: 'Lower-third caption "AI reconstruction" for the whole shot',
    });
    const use = (await readJson(ARCHIVE_SIDECAR)).uses.find((u: { id: string }) => u.id === 'harbour-1953-recreation');
    assert.equal(use.realism.audienceDisclosure, 'Lower-third caption "AI reconstruction" for the whole shot');
    await waitForDiagnostics(
      ARCHIVE,
      (d) =>
        !d.some((x) => ruleOf(x) === 'apa-audience-transparency' && /Recreated 1953 harbour photograph/.test(x.message)) &&
        !d.some((x) => ruleOf(x) === 'misleading-audience'),
    );
  });
});

const SCRIPT = inWorkspace('script', 'salt-line.fountain');
const SCRIPT_SIDECAR = inWorkspace('script', 'salt-line.fountain.ai.json');
const ART = inWorkspace('art', 'key-art.png');
const ART_SIDECAR = inWorkspace('art', 'key-art.png.ai.json');

const usesWithout = (rule: string) => (d: vscode.Diagnostic[]) => !d.some((x) => ruleOf(x) === rule);

describe('The union and EU AI Act packs in a real VS Code', function () {
  this.timeout(60_000);
  const config = editsProjectConfig(() => waitForDiagnostics(SCRIPT, usesWithout('dga-director-consulted')), [SCRIPT_SIDECAR, ART_SIDECAR]);
  before(async () => {
    await writeText(config.uri, JSON.stringify({ ...JSON.parse(config.original()), packs: ['studio', 'union', 'eu-ai-act'] }, null, 2));
  });

  it("union: explains the DGA rule in the tagged passage's hover, and the fix records the director consulted", async () => {
    const diagnostics = await waitForDiagnostics(SCRIPT, (d) => d.some((x) => ruleOf(x) === 'dga-director-consulted'));
    const finding = diagnostics.find((d) => ruleOf(d) === 'dga-director-consulted')!;
    assert.match(finding.message, /AI use "Lifeboat voice-over" concerns a creative element and the director has not been consulted/);
    await vscode.window.showTextDocument(SCRIPT);
    const hover = await hoverTextAt(SCRIPT, finding.range.start.translate(0, 2));
    assert.match(hover, /Director not consulted on a creative element/);
    assert.match(hover, /DGA Basic Agreement/);
    assert.match(hover, /command:aiDisclosure\.markDirectorConsulted\?/);

    const fix = (await quickFixesAt(SCRIPT, finding.range)).find(
      (a) => a.title === 'Mark the director as consulted on "Lifeboat voice-over"',
    );
    assert.ok(fix?.command && fix.isPreferred);
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    const use = (await readJson(SCRIPT_SIDECAR)).uses.find((u: { id: string }) => u.id === 'lifeboat-voice-over');
    assert.equal(use.directorConsulted, 'yes');
    await waitForDiagnostics(SCRIPT, usesWithout('dga-director-consulted'));
  });

  it('EU AI Act: explains Article 50 marking on the rule id in the sidecar, and the fix records the marking', async () => {
    const diagnostics = await waitForDiagnostics(ART, (d) => d.some((x) => ruleOf(x) === 'eu-machine-readable-marking'));
    const finding = diagnostics.find((d) => ruleOf(d) === 'eu-machine-readable-marking')!;
    assert.match(finding.message, /AI use "Key art concept" goes into the release without a machine-readable AI marking/);
    assert.equal((finding.code as { target: vscode.Uri }).target.query, JSON.stringify(['eu-machine-readable-marking']));

    const fix = (await quickFixesAt(ART_SIDECAR, finding.relatedInformation![0].location.range)).find(
      (a) => a.title === 'Mark "Key art concept" as carrying C2PA or IPTC provenance',
    );
    assert.ok(fix?.command, 'the marking fix is offered');
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    const data = await readJson(ART_SIDECAR);
    assert.equal(data.uses[0].provenanceMarked, 'yes');
    await waitForDiagnostics(ART, usesWithout('eu-machine-readable-marking'));

    // The rule id a person writes in a suppression explains itself on hover.
    const document = await vscode.workspace.openTextDocument(ART_SIDECAR);
    const edited = JSON.stringify(
      {
        ...data,
        uses: [
          { ...data.uses[0], suppressions: [{ rule: 'eu-deepfake-disclosure', reason: 'A painted poster, not a likeness' }] },
          ...data.uses.slice(1),
        ],
      },
      null,
      2,
    );
    await writeText(ART_SIDECAR, edited);
    const offset =
      (await eventually(
        vscode.workspace.onDidChangeTextDocument,
        () => document.getText().indexOf('eu-deepfake-disclosure') + 1 || undefined,
        'the editor reloading the sidecar',
      )) - 1;
    const hover = await hoverTextAt(ART_SIDECAR, document.positionAt(offset + 3));
    assert.match(hover, /Deep fake not disclosed/);
    assert.match(hover, /Article 50/);
  });
});

describe("A production's own policy pack in a real VS Code", function () {
  this.timeout(60_000);
  const PACK = inWorkspace('policy', 'network.json');
  const config = editsProjectConfig(async () => {
    await vscode.workspace.fs.delete(PACK, { useTrash: false });
    await waitForDiagnostics(SCRIPT, usesWithout('network-approved-tool'));
  });
  const pack = NETWORK_PACK;

  it('checks uses against the pack file the configuration names, linking diagnostics to it', async () => {
    await writeText(PACK, JSON.stringify(pack, null, 2));
    await writeText(config.uri, JSON.stringify({ ...JSON.parse(config.original()), packs: ['studio', 'policy/network.json'] }, null, 2));
    const diagnostics = await waitForDiagnostics(SCRIPT, (d) => d.some((x) => ruleOf(x) === 'network-approved-tool'));
    const finding = diagnostics.find((d) => ruleOf(d) === 'network-approved-tool')!;
    assert.match(finding.message, /uses ScriptMate Enterprise, which is not on the network list/);
    assert.equal(
      (finding.code as { target: vscode.Uri }).target.toString(),
      PACK.toString(),
      'without a docs address, the rule is explained by its pack file',
    );
    const hover = await hoverTextAt(SCRIPT, finding.range.start.translate(0, 2));
    assert.match(hover, /Tool not on the network list/);
    assert.match(hover, /command:aiDisclosure\.recordApproval\?/, 'the pack says approval settles it');

    // Editing the pack file re-checks at once: a wider list clears the finding.
    await writeText(PACK, JSON.stringify(networkPackListing('ScriptMate Enterprise'), null, 2));
    await waitForDiagnostics(SCRIPT, usesWithout('network-approved-tool'));

    // A broken pack is reported where it is broken.
    await writeText(PACK, JSON.stringify({ ...pack, version: '' }, null, 2));
    const problems = await waitForDiagnostics(PACK, (d) => d.length > 0);
    assert.equal(problems[0].range.start.line, 3);
    assert.match(problems[0].message, /version.*\(this pack is not loaded until it is fixed\)/);
  });
});

/**
 * Writes the configuration; resolves with the files (other than the configuration) whose
 * diagnostics were sent again once its re-check of everything is applied.
 */
async function rewriteConfig(config: { uri: vscode.Uri }, text: string): Promise<string[]> {
  const api = await activateExtension();
  const resent: string[] = [];
  const counting = api.diagnostics.onDidSend((uris) =>
    resent.push(...uris.filter((uri) => uri.toString() !== config.uri.toString()).map((uri) => uri.path)),
  );
  try {
    const rechecked = new Promise<void>((resolve) => {
      const subscription = api.index.onDidChange((change) => {
        if (change.sources) return;
        subscription.dispose();
        resolve();
      });
    });
    await writeText(config.uri, text);
    await rechecked;
    // The diagnostics of a change of everything are applied a few sources per turn, from the next
    // turn on: wait until that, and everything it started, is done.
    await api.whenIdle();
    return resent;
  } finally {
    counting.dispose();
  }
}

/** Every file's diagnostics of ours as the editor shows them, as text to compare. */
function shownDiagnostics(): Map<string, string> {
  const shown = new Map<string, string>();
  for (const [uri] of vscode.languages.getDiagnostics()) {
    const ours = ourDiagnostics(uri).map((d) => ({
      range: d.range,
      message: d.message,
      severity: d.severity,
      code: typeof d.code === 'object' ? [d.code.value, d.code.target.toString()] : d.code,
      related: d.relatedInformation?.map((r) => [r.location.uri.toString(), r.location.range, r.message]),
    }));
    if (ours.length > 0) shown.set(uri.path, JSON.stringify(ours));
  }
  return shown;
}

/** The files whose diagnostics differ between two `shownDiagnostics()`. */
function filesChanged(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...new Set([...before.keys(), ...after.keys()])].filter((file) => before.get(file) !== after.get(file)).sort();
}

describe('The configuration rewritten in a real VS Code', function () {
  this.timeout(60_000);
  const TREATMENT = inWorkspace('treatment', 'treatment.md');
  const config = editsProjectConfig(() =>
    waitForDiagnostics(TREATMENT, (d) =>
      d.some((x) => ruleOf(x) === 'notify-contact' && x.severity === vscode.DiagnosticSeverity.Information),
    ),
  );

  it('sends the editor only the diagnostics that changed: none when the rules did not', async () => {
    // Whatever earlier tests left to settle (a pack file they deleted) is settled by a first re-check.
    await rewriteConfig(config, config.original());
    assert.deepEqual(
      await rewriteConfig(config, `${config.original().trimEnd()}\n\n`),
      [],
      'the same rules, every sidecar checked again: nothing sent',
    );
    const resent = await rewriteConfig(
      config,
      JSON.stringify({ ...JSON.parse(config.original()), rules: { 'notify-contact': 'warning' } }, null, 2),
    );
    const reportedOn = vscode.languages.getDiagnostics().filter(([uri]) => ourDiagnostics(uri).some((d) => ruleOf(d) === 'notify-contact'));
    assert.deepEqual(
      [...resent].sort(),
      reportedOn.map(([uri]) => uri.path).sort(),
      "one rule's severity changed: the files it is reported on, and no others",
    );
    assert.ok(resent.includes(TREATMENT.path));
    assert.equal(ourDiagnostics(TREATMENT).find((d) => ruleOf(d) === 'notify-contact')?.severity, vscode.DiagnosticSeverity.Warning);
  });

  it('sends only the files whose diagnostics a custom pack changes, switched on and off', async () => {
    const PACK = inWorkspace('policy', 'network.json');
    try {
      await writeText(PACK, JSON.stringify(NETWORK_PACK, null, 2));
      await rewriteConfig(config, config.original());
      const without = shownDiagnostics();
      // New rules (a new catalogue): every sidecar is checked again, and what did not change stays shown as it was.
      const on = await rewriteConfig(
        config,
        JSON.stringify({ ...JSON.parse(config.original()), packs: ['studio', 'policy/network.json'] }, null, 2),
      );
      const withPack = shownDiagnostics();
      assert.ok(
        [...withPack.values()].some((shown) => shown.includes('network-approved-tool')),
        "the pack's rule is reported",
      );
      assert.deepEqual([...new Set(on)].sort(), filesChanged(without, withPack));
      assert.ok(on.length < withPack.size, `${on.length} of ${withPack.size} files sent again`);
      const off = await rewriteConfig(config, config.original());
      assert.deepEqual([...new Set(off)].sort(), filesChanged(withPack, shownDiagnostics()));
      assert.deepEqual(shownDiagnostics(), without, 'back as before the pack');
    } finally {
      await vscode.workspace.fs.delete(PACK, { useTrash: false });
    }
  });
});
