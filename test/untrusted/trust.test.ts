import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { COMMANDS } from '../../src/vscode/constants';
import { activateExtension, inWorkspace, ruleOf, waitForDiagnostics } from '../support/editor';
import { NETWORK_PACK } from '../support/networkPack';

describe('An untrusted workspace (restricted mode) in a real VS Code', function () {
  this.timeout(60_000);

  it('is untrusted, and the extension still shows uses and findings', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite needs restricted mode');
    const api = await activateExtension();
    assert.ok(api.index.uses.length >= 10);
    await waitForDiagnostics(inWorkspace('script', 'salt-line.fountain'), (d) => d.some((x) => ruleOf(x) === 'key-creative-element'));
  });

  it('changes no sidecar: tagging and fixes fail with a message, and the files stay as they were', async () => {
    await activateExtension();
    const notes = inWorkspace('treatment', 'treatment.md');
    const sidecar = inWorkspace('art', 'key-art.png.ai.json');
    const before = readFileSync(sidecar.fsPath, 'utf8');
    await vscode.commands.executeCommand(
      COMMANDS.tagFiles,
      {
        tool: { name: 'Gen', environment: 'enterprise', retainsInputs: 'no', trainsOnInputs: 'no' },
        purpose: 'test',
        final: 'no',
        keyCreative: 'no',
      },
      [inWorkspace('audio', 'temp-voice.wav'), notes],
    );
    await vscode.commands.executeCommand(COMMANDS.markNotified, sidecar.fsPath, 'key-art-concept');
    await vscode.commands.executeCommand(COMMANDS.suppressRule, sidecar.fsPath, 'key-art-concept', 'copyrighted-material', {
      reason: 'not allowed here',
    });
    assert.equal(readFileSync(sidecar.fsPath, 'utf8'), before, 'the sidecar is byte for byte the same');
    assert.equal(
      existsSync(`${notes.fsPath}.ai.json`) && readFileSync(`${notes.fsPath}.ai.json`, 'utf8').includes('"Gen"'),
      false,
      'no use was added',
    );
    assert.equal(existsSync(`${sidecar.fsPath}.lock`), false, 'no lock left behind');
  });

  it("does not load the workspace's own policy pack, and says so where the configuration names it", async () => {
    const api = await activateExtension();
    mkdirSync(inWorkspace('policy').fsPath, { recursive: true });
    writeFileSync(inWorkspace('policy', 'network.json').fsPath, JSON.stringify(NETWORK_PACK, null, 2));
    const config = inWorkspace('.aidisclosure.json');
    const original = JSON.parse(readFileSync(config.fsPath, 'utf8'));
    writeFileSync(config.fsPath, JSON.stringify({ ...original, packs: ['studio', 'policy/network.json'] }, null, 2));
    const [warning] = await waitForDiagnostics(config, (d) => d.some((x) => /not trusted/.test(x.message))).catch((error: unknown) => {
      // Whether the model saw the change tells a missed file event from a publish that went wrong.
      const problems = api.index.configProblems.map((problem) => problem.message);
      throw new Error(
        `${error instanceof Error ? error.message : String(error)}; the model's configuration problems: ${JSON.stringify(problems)}`,
      );
    });
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(warning.message, /custom pack "policy\/network\.json" is not loaded because this workspace is not trusted/);
    const everywhere = vscode.languages.getDiagnostics().flatMap(([, list]) => list);
    assert.ok(!everywhere.some((d) => ruleOf(d) === 'network-approved-tool'), "the pack's rule never ran");
  });
});
