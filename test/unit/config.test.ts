import * as assert from 'node:assert/strict';
import { cpSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { ConfigError } from '../../src/core/config/config';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { checkProduction } from '../../src/core/workspace/check';
import { REPO_ROOT, temporaryFolder } from './helpers/fixtures';

describe('project configuration (.aidisclosure.json, cascading per folder)', () => {
  let root: string;
  let cleanup: () => void;
  beforeEach(() => {
    const tmp = temporaryFolder();
    cleanup = tmp.cleanup;
    root = `${tmp.dir}/salt-line`;
    cpSync(path.join(REPO_ROOT, 'examples', 'salt-line'), root, { recursive: true });
  });
  afterEach(() => cleanup());

  const configure = (folder: string, config: object) => writeFileSync(`${root}/${folder}/.aidisclosure.json`.replace('//', '/'), JSON.stringify(config, null, 2));
  const check = () => checkProduction(nodeFileSystem, root);
  const severities = async (rule: string) => (await check()).findings.filter((f) => f.rule === rule).map((f) => `${path.posix.relative(root, f.file)}:${f.severity}`);

  it('turns a rule off for the whole production', async () => {
    configure('', { production: { name: 'Salt Line' }, rules: { 'notify-contact': 'off' } });
    assert.deepEqual(await severities('notify-contact'), []);
  });

  it('sets a severity for the files a glob matches, and only those', async () => {
    configure('', { overrides: [{ files: ['archive/**'], rules: { 'final-deliverable': 'error' } }] });
    assert.deepEqual(await severities('final-deliverable'), ['archive/harbour-1953.png.ai.json:error', 'art/key-art.png.ai.json:warning', 'script/salt-line.fountain:warning']);
  });

  it('lets a sub-folder\'s file refine the root\'s for the files below it', async () => {
    configure('', { rules: { 'secure-environment': 'error' } });
    configure('treatment', { rules: { 'secure-environment': 'hint' } });
    assert.deepEqual(await severities('secure-environment'), ['treatment/treatment.md:hint']);
    configure('treatment', {});
    assert.deepEqual(await severities('secure-environment'), ['treatment/treatment.md:error']);
  });

  it('does not let a rule that is off hold a use back', async () => {
    configure('treatment', { rules: { 'data-retention': 'off', 'secure-environment': 'off', 'sensitive-inputs': 'off' } });
    const use = (await check()).uses.find((u) => u.use.id === 'treatment-story-condense')!;
    assert.deepEqual(use.findings, []);
    assert.equal(use.status, 'to-notify');
  });

  it('leaves out what exclude matches, and what include does not', async () => {
    configure('', { exclude: ['archive/**', 'audio/**'] });
    let ids = (await check()).uses.map((u) => u.use.id);
    assert.ok(!ids.includes('harbour-1953-recreation') && !ids.includes('temp-voice-clone') && ids.includes('key-art-concept'));
    configure('', { include: ['script/**'] });
    ids = (await check()).uses.map((u) => u.use.id).sort();
    assert.deepEqual(ids, ['chandlery-punch-up', 'lifeboat-voice-over', 'storm-flashback']);
  });

  it('switches guideline packs on, a sub-folder\'s list replacing its parent\'s', async () => {
    configure('', { packs: ['studio', 'documentary', 'eu-ai-act'] });
    configure('art', { packs: ['studio'] });
    const rules = async () => (await check()).findings.map((f) => `${path.posix.relative(root, f.file).split('/')[0]}:${f.rule}`);
    const found = await rules();
    assert.ok(found.includes('archive:apa-cue-sheet'), 'the documentary pack runs at the root');
    assert.ok(found.includes('archive:eu-deepfake-disclosure'));
    assert.ok(!found.some((f) => f.startsWith('art:apa-') || f.startsWith('art:eu-')), 'art/ keeps the studio pack only');
    const { report } = await import('../../src/core/report/produce').then((m) => m.produceReport(nodeFileSystem, root, 'json', { generatedAt: new Date(0), toolVersion: 'test' }));
    assert.deepEqual(report.packs.map((p) => p.id), ['studio', 'documentary', 'eu-ai-act', 'integrity']);
  });

  it('decides the CLI exit code: errors turned into warnings exit 0', async () => {
    configure('', { rules: { 'misleading-audience': 'warning', 'approval-denied': 'warning', 'talent-consent': 'warning' } });
    const io = { out: () => undefined, err: () => undefined, cwd: root, fs: nodeFileSystem, now: () => new Date('2026-11-25T00:00:00Z') };
    assert.equal(await runCli(['check', '.'], io), 0);
  });

  it('reports a mistake in any configuration file at its line and column, and stops', async () => {
    writeFileSync(`${root}/art/.aidisclosure.json`, '{\n  "rules": {\n    "final-deliverable": "loud"\n  }\n}\n');
    await assert.rejects(check(), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      const [problem] = error.problems;
      assert.equal(problem.file, `${root}/art/.aidisclosure.json`);
      assert.deepEqual(problem.start, { line: 3, column: 26 });
      assert.match(problem.message, /rules\.final-deliverable: must be one of "off", "error"/);
      return true;
    });
  });
});
