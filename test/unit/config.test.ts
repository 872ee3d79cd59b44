import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { ConfigError, loadConfigCascade } from '../../src/core/config/config';
import { produceReport } from '../../src/core/report/produce';
import { scanProduction } from '../../src/core/workspace/scan';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { checkProduction } from '../../src/core/workspace/production';
import { REPO_ROOT, temporaryFolder } from '../support/fixtures';
import { NETWORK_PACK } from '../support/networkPack';

const copies: (() => void)[] = [];

/** A fresh copy of the sample production for one test to change. */
function sampleCopy(): string {
  const tmp = temporaryFolder();
  copies.push(tmp.cleanup);
  const root = `${tmp.dir}/salt-line`;
  cpSync(path.join(REPO_ROOT, 'examples', 'salt-line'), root, { recursive: true });
  return root;
}

function removeSampleCopies(): void {
  copies.splice(0).forEach((cleanup) => cleanup());
}

describe('project configuration (.aidisclosure.json, cascading per folder)', () => {
  let root: string;
  beforeEach(() => (root = sampleCopy()));
  afterEach(() => removeSampleCopies());

  const configure = (folder: string, config: object) =>
    writeFileSync(`${root}/${folder}/.aidisclosure.json`.replace('//', '/'), JSON.stringify(config, null, 2));
  const check = () => checkProduction(nodeFileSystem, root);
  const severities = async (rule: string) =>
    (await check()).findings.filter((f) => f.rule === rule).map((f) => `${path.posix.relative(root, f.file)}:${f.severity}`);

  it('turns a rule off for the whole production', async () => {
    configure('', { production: { name: 'Salt Line' }, rules: { 'notify-contact': 'off' } });
    assert.deepEqual(await severities('notify-contact'), []);
  });

  it('sets a severity for the files a glob matches, and only those', async () => {
    configure('', { overrides: [{ files: ['archive/**'], rules: { 'final-deliverable': 'error' } }] });
    assert.deepEqual(await severities('final-deliverable'), [
      'archive/harbour-1953.png.ai.json:error',
      'art/key-art.png.ai.json:warning',
      'script/salt-line.fountain:warning',
    ]);
  });

  it("lets a sub-folder's file refine the root's for the files below it", async () => {
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

  it("switches guideline packs on, a sub-folder's list replacing its parent's", async () => {
    configure('', { packs: ['studio', 'documentary', 'eu-ai-act'] });
    configure('art', { packs: ['studio'] });
    const rules = async () => (await check()).findings.map((f) => `${path.posix.relative(root, f.file).split('/')[0]}:${f.rule}`);
    const found = await rules();
    assert.ok(found.includes('archive:apa-cue-sheet'), 'the documentary pack runs at the root');
    assert.ok(found.includes('archive:eu-deepfake-disclosure'));
    assert.ok(!found.some((f) => f.startsWith('art:apa-') || f.startsWith('art:eu-')), 'art/ keeps the studio pack only');
    const { report } = await import('../../src/core/report/produce').then((m) =>
      m.produceReport(nodeFileSystem, root, 'json', { generatedAt: new Date(0), toolVersion: 'test' }),
    );
    assert.deepEqual(
      report.packs.map((p) => p.id),
      ['studio', 'documentary', 'eu-ai-act', 'integrity'],
    );
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

  it('names the built-in pack a slip is for', async () => {
    writeFileSync(`${root}/.aidisclosure.json`, '{ "packs": ["studio", "documentry"] }\n');
    const config = await loadConfigCascade(nodeFileSystem, root, (await scanProduction(nodeFileSystem, root)).files);
    assert.match(
      config.problems[0].message,
      /^packs\[1\]: must be a built-in pack \(studio, documentary, .*\) or the path .*; "documentry" looks like "documentary"/,
    );
  });

  it('says where a setting written beside the object it belongs in goes, and applies nothing of that file', async () => {
    writeFileSync(`${root}/.aidisclosure.json`, '{\n  "production": { "name": "Salt Line" },\n  "studio": "Harbourlight"\n}\n');
    const config = await loadConfigCascade(nodeFileSystem, root, (await scanProduction(nodeFileSystem, root)).files);
    assert.deepEqual(
      config.problems.map((p) => [p.start.line, p.start.column, p.message]),
      [
        [
          3,
          3,
          '"studio" is a setting of "production": write it inside "production", as "production.studio" (this file is not applied until it is fixed)',
        ],
      ],
    );
    assert.deepEqual([config.problems[0].path, config.problems[0].meant, config.problems[0].into], [['studio'], 'studio', 'production']);
  });

  it('names the severity a value is short for', async () => {
    writeFileSync(`${root}/art/.aidisclosure.json`, '{ "rules": { "final-deliverable": "warn", "notify-contact": "info" } }\n');
    await assert.rejects(check(), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.deepEqual(
        error.problems.map((problem) => problem.message.replace(/^.*"hint"; /, '').replace(/ \(this file.*$/, '')),
        ['"warn" looks like "warning"', '"info" looks like "information"'],
      );
      return true;
    });
  });

  it('says where a setting is misspelled and applies nothing of that file, since what it meant would be left out', async () => {
    const text =
      '{\n  "production": { "name": "Salt Line", "Studio": "Harbourlight" },\n  "pack": ["studio", "documentary"],\n  "notes": "kept as written"\n}\n';
    writeFileSync(`${root}/.aidisclosure.json`, text);
    const config = await loadConfigCascade(nodeFileSystem, root, (await scanProduction(nodeFileSystem, root)).files);
    assert.deepEqual(
      config.problems.map((p) => [p.start.line, p.start.column, p.message]),
      [
        [
          2,
          40,
          '"production.Studio" is not a setting AI Disclosure reads; did you mean "studio"? (this file is not applied until it is fixed)',
        ],
        [3, 3, '"pack" is not a setting AI Disclosure reads; did you mean "packs"? (this file is not applied until it is fixed)'],
      ],
    );
    assert.equal(config.rootConfig.production?.name, undefined, 'not applied');
    await assert.rejects(check(), ConfigError);
    // Spelled right, with a key of the production's own beside it: applied.
    writeFileSync(`${root}/.aidisclosure.json`, text.replace('"Studio"', '"studio"').replace('"pack"', '"packs"'));
    assert.ok(
      (await check()).findings.some((f) => f.rule.startsWith('apa-')),
      'the documentary pack runs',
    );
  });
});

describe('custom policy packs named in the configuration', () => {
  let root: string;
  beforeEach(() => (root = sampleCopy()));
  afterEach(() => removeSampleCopies());

  const networkPack = { ...NETWORK_PACK, rules: [{ ...NETWORK_PACK.rules[0], docs: 'https://example.com/network/ai-tools' }] };
  const write = (file: string, data: unknown) => {
    mkdirSync(path.dirname(`${root}/${file}`), { recursive: true });
    writeFileSync(`${root}/${file}`, typeof data === 'string' ? data : JSON.stringify(data, null, 2));
  };
  const load = async (options?: { loadCustomPacks?: boolean }) => {
    const { files } = await scanProduction(nodeFileSystem, root);
    return loadConfigCascade(nodeFileSystem, root, files, options);
  };
  const problemsOf = async (options?: { loadCustomPacks?: boolean }) =>
    (await load(options)).problems.map(
      (p) => `${path.posix.relative(root, p.file)}:${p.start.line}:${p.start.column}:${p.severity}: ${p.message}`,
    );

  it('checks uses against a pack file next to the configuration, with its rules configurable like built-in ones', async () => {
    write('policy/network.json', networkPack);
    write('.aidisclosure.json', {
      packs: ['studio', 'policy/network.json'],
      overrides: [{ files: ['treatment/**'], rules: { 'network-approved-tool': 'hint' } }],
    });
    const result = await checkProduction(nodeFileSystem, root);
    const hits = result.findings.filter((f) => f.rule === 'network-approved-tool');
    assert.ok(hits.length > 0);
    assert.deepEqual(
      [...new Set(hits.map((f) => f.useId))].sort(),
      ['chandlery-punch-up', 'lifeboat-voice-over', 'storm-flashback', 'treatment-tone'],
      'only uses of the unlisted tool',
    );
    assert.deepEqual(
      hits.map((f) => `${f.useId}:${f.severity}`).filter((h) => h.startsWith('treatment')),
      ['treatment-tone:hint'],
      'the override for treatment/',
    );
    assert.ok(
      hits.filter((f) => !f.useId!.startsWith('treatment')).every((f) => f.severity === 'warning'),
      "the pack's default elsewhere",
    );
    // Written approval settles it, as the pack says: an approved use does not carry the finding.
    const approved = result.uses.filter((u) => u.use.approval?.status === 'approved');
    assert.ok(approved.length > 0 && approved.every((u) => !u.findings.some((f) => f.rule === 'network-approved-tool')));
    // A use within every studio guideline now needs written approval, because the pack says approval settles it.
    const statusOf = (id: string) => result.uses.find((u) => u.use.id === id)!;
    assert.equal(statusOf('chandlery-punch-up').status, 'needs-approval');
    assert.deepEqual(
      statusOf('treatment-tone').findings.map((f) => f.rule),
      ['network-approved-tool'],
      'outside a guideline: no notify-contact',
    );

    const { report } = await produceReport(nodeFileSystem, root, 'json', { generatedAt: new Date(0), toolVersion: 'test' });
    assert.deepEqual(
      report.packs.map((p) => p.id),
      ['studio', 'network', 'integrity'],
    );
    assert.equal(
      report.guidelineFindings.find((g) => g.rule === 'network-approved-tool')?.source,
      'Harbour Network AI tool list, November 2026',
    );
    const sarif = JSON.parse(
      (await produceReport(nodeFileSystem, root, 'sarif', { generatedAt: new Date(0), toolVersion: 'test' })).pieces.join(''),
    );
    const rule = sarif.runs[0].tool.driver.rules.find((r: { id: string }) => r.id === 'network-approved-tool');
    assert.equal(rule.helpUri, 'https://example.com/network/ai-tools');
  });

  it('lets a use suppress a custom rule with a reason', async () => {
    write('policy/network.json', networkPack);
    write('.aidisclosure.json', { packs: ['policy/network.json'] });
    const sidecar = `${root}/treatment/treatment.md.ai.json`;
    const data = JSON.parse(readFileSync(sidecar, 'utf8'));
    const tone = data.uses.find((u: { id: string }) => u.id === 'treatment-tone');
    tone.suppressions = [{ rule: 'network-approved-tool', reason: 'Listed by the network on 20 November' }];
    writeFileSync(sidecar, JSON.stringify(data, null, 2));
    const result = await checkProduction(nodeFileSystem, root);
    assert.ok(!result.findings.some((f) => f.rule === 'network-approved-tool' && f.useId === 'treatment-tone'));
    assert.equal(result.uses.find((u) => u.use.id === 'treatment-tone')!.status, 'to-notify');
    assert.ok(
      result.findings.some((f) => f.rule === 'network-approved-tool'),
      'other uses still carry it',
    );
  });

  it('says what a configuration was made from: the same files give the same source, any change another', async () => {
    write('policy/network.json', networkPack);
    write('.aidisclosure.json', { packs: ['studio', 'policy/network.json'] });
    const sourceOf = async (options = {}) =>
      (await loadConfigCascade(nodeFileSystem, root, (await scanProduction(nodeFileSystem, root)).files, options)).source;
    const first = await sourceOf();
    assert.equal(await sourceOf(), first, 'unchanged files');
    assert.notEqual(await sourceOf({ loadCustomPacks: false }), first, 'packs not loadable');
    write('policy/network.json', { ...networkPack, name: 'Network rules, revised' });
    const packChanged = await sourceOf();
    assert.notEqual(packChanged, first, 'a pack file changed');
    write('script/.aidisclosure.json', { rules: { 'notify-contact': 'off' } });
    assert.notEqual(await sourceOf(), packChanged, 'a configuration file added');
  });

  it('tells whether two catalogues explain their shared rules on the same pages', async () => {
    write('policy/network.json', networkPack);
    write('.aidisclosure.json', { packs: ['studio'] });
    const builtInOnly = (await load()).catalog;
    write('.aidisclosure.json', { packs: ['studio', 'policy/network.json'] });
    const withPack = (await load()).catalog;
    assert.ok(
      withPack.explainsAlike(builtInOnly) && builtInOnly.explainsAlike(withPack),
      'a pack added: the rules both hold are the built-in ones',
    );
    write('policy/network.json', { ...networkPack, rules: [{ ...networkPack.rules[0], title: 'Tool not listed' }] });
    const retitled = (await load()).catalog;
    assert.notEqual(retitled, withPack);
    assert.ok(retitled.explainsAlike(withPack), 'a rule retitled is still explained at its docs address');
    write('policy/network.json', {
      ...networkPack,
      rules: [{ ...networkPack.rules[0], docs: 'https://example.com/network/ai-tools-2027' }],
    });
    const moved = (await load()).catalog;
    assert.ok(!moved.explainsAlike(withPack) && !withPack.explainsAlike(moved), 'its docs address changed');
    write('policy/network.json', NETWORK_PACK);
    assert.ok(!(await load()).catalog.explainsAlike(withPack), 'no docs address: explained by the pack file instead');
  });

  it('reports a pack that does not validate at its line and column, and does not run it', async () => {
    write(
      'policy/network.json',
      JSON.stringify({ ...networkPack, rules: [{ ...networkPack.rules[0], defaultSeverity: 'loud' }] }, null, 2),
    );
    write('.aidisclosure.json', { packs: ['studio', 'policy/network.json'] });
    const [problem, ...rest] = await problemsOf();
    assert.deepEqual(rest, []);
    assert.match(
      problem,
      /^policy\/network\.json:9:26:error: rules\[0\]\.defaultSeverity: .*\(this pack is not loaded until it is fixed\)$/,
    );
    await assert.rejects(checkProduction(nodeFileSystem, root), ConfigError);
  });

  it('refuses rule and pack ids that are already taken, pointing at the id', async () => {
    write('policy/clash.json', { ...networkPack, rules: [{ ...networkPack.rules[0], id: 'final-deliverable' }] });
    write('policy/studio.json', { ...networkPack, id: 'studio' });
    write('.aidisclosure.json', { packs: ['policy/clash.json', 'policy/studio.json'] });
    const problems = await problemsOf();
    assert.equal(problems.length, 2, problems.join('\n'));
    assert.match(problems[0], /^policy\/clash\.json:\d+:\d+:error: rule id "final-deliverable" is already defined by the "studio" pack/);
    assert.match(problems[1], /^policy\/studio\.json:2:9:error: pack id "studio" is already taken/);
  });

  it('refuses pack files outside the production and missing ones, at the entry that names them', async () => {
    write('.aidisclosure.json', '{\n  "packs": ["../elsewhere.json", "/etc/pack.json", "policy/none.json"]\n}\n');
    const problems = await problemsOf();
    assert.deepEqual(problems, [
      '.aidisclosure.json:2:13:error: custom pack "../elsewhere.json" is outside the production folder; its rules are not checked',
      '.aidisclosure.json:2:34:error: custom pack "/etc/pack.json" is outside the production folder; its rules are not checked',
      '.aidisclosure.json:2:52:error: custom pack file "policy/none.json" does not exist; its rules are not checked',
    ]);
  });

  it('does not follow a pack file that is a symbolic link out of the production', async () => {
    const { dir, cleanup } = temporaryFolder();
    try {
      writeFileSync(`${dir}/outside.json`, JSON.stringify(NETWORK_PACK));
      mkdirSync(`${root}/policy`);
      symlinkSync(`${dir}/outside.json`, `${root}/policy/network.json`);
      write('.aidisclosure.json', { packs: ['policy/network.json'] });
      assert.deepEqual(await problemsOf(), [
        '.aidisclosure.json:3:5:error: custom pack "policy/network.json" is not a regular file (a symbolic link, which is not followed, or a FIFO, device or socket); its rules are not checked',
      ]);
      assert.equal((await load()).catalog.find('network-approved-tool'), undefined);
    } finally {
      cleanup();
    }
  });

  it('does not load custom packs without trust, and says so as a warning', async () => {
    write('policy/network.json', networkPack);
    write('.aidisclosure.json', '{\n  "packs": ["studio", "policy/network.json"],\n  "rules": { "network-approved-tool": "error" }\n}\n');
    const cascade = await load({ loadCustomPacks: false });
    assert.deepEqual(
      cascade.problems.map((p) => [p.severity, p.start.line, p.start.column, p.message]),
      [
        [
          'warning',
          2,
          23,
          'custom pack "policy/network.json" is not loaded because this workspace is not trusted; its rules are not checked',
        ],
      ],
    );
    assert.equal(cascade.catalog.find('network-approved-tool'), undefined);
    assert.deepEqual([...cascade.packsFor(`${root}/art/key-art.png`)], ['studio'], 'the layer still applies, without the pack');
  });

  it('reports a severity set for a rule nobody defines, at its key', async () => {
    write('.aidisclosure.json', '{\n  "rules": {\n    "final-deliverables": "off"\n  }\n}\n');
    assert.deepEqual(await problemsOf(), [
      '.aidisclosure.json:3:5:error: unknown rule id "final-deliverables" (not built in, nor in a custom pack named here); did you mean "final-deliverable"? (this file is not applied until it is fixed)',
    ]);
  });
});
