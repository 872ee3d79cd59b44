import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../src/cli/main';
import { CliIo, display, outputText } from '../../src/cli/io';
import { FileSystem } from '../../src/core/fs/fileSystem';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { parseSidecar } from '../../src/core/sidecar/parse';
import { checkProduction } from '../../src/core/workspace/production';
import { REPO_ROOT, temporaryFolder } from '../support/fixtures';
import { cachedFacts } from '../support/mediaCacheFile';
import { CLI_NOW, runCliIn } from '../support/cli';

const NOW = CLI_NOW;

const cli = (cwd: string, ...argv: string[]) => runCliIn(cwd, argv);

const FINDING_LINE = /^(\S+):(\d+):(\d+) {2}(error|warning|information|hint) {2}([a-z-]+) {2}(.+)$/;

describe('command-line tool', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = temporaryFolder());
    cpSync(path.join(REPO_ROOT, 'examples'), path.join(dir, 'examples'), { recursive: true });
  });
  afterEach(() => cleanup());

  /**
   * A folder `many` with `count` copies of a sample still's sidecar (still-000.png.ai.json, …), and
   * the stills themselves when `withStills`, so their uses are checked and not only found missing.
   */
  const manyStills = (count: number, withStills: boolean) => {
    const sample = readFileSync(path.join(dir, 'examples/salt-line/archive/harbour-1953.png.ai.json'), 'utf8');
    const folder = path.join(dir, 'many');
    mkdirSync(folder);
    for (let i = 0; i < count; i++) {
      const still = path.join(folder, `still-${String(i).padStart(3, '0')}.png`);
      if (withStills) writeFileSync(still, '');
      writeFileSync(`${still}.ai.json`, sample);
    }
    return folder;
  };

  it('check prints every finding as path:line:col  severity  rule  message and exits 1 on errors', async () => {
    const { code, out, err } = await cli(dir, 'check', 'examples');
    assert.equal(code, 1);
    const lines = out.trimEnd().split('\n');
    for (const line of lines) assert.match(line, FINDING_LINE);
    const rules = new Set(lines.map((l) => FINDING_LINE.exec(l)![5]));
    for (const rule of [
      'copyrighted-material',
      'data-retention',
      'secure-environment',
      'final-deliverable',
      'talent-consent',
      'sensitive-inputs',
      'key-creative-element',
      'misleading-audience',
      'approval-denied',
      'notify-contact',
      'orphaned-tag',
    ]) {
      assert.ok(rules.has(rule), `the sample production fires ${rule}`);
    }
    assert.match(err, /11 AI uses in 7 sidecars; 3 errors/);
  });

  it('--cache prints what a full check prints, run after run and after each kind of change', async () => {
    const cache = path.join(dir, 'checks.json');
    const production = path.join(dir, 'examples', 'salt-line');
    // The findings, and the report (which lists each use's files), cold and cached.
    const both = async () => {
      const cold = await cli(dir, 'check', 'examples', '--format', 'json');
      const cached = await cli(dir, 'check', 'examples', '--format', 'json', '--cache-location', cache);
      assert.equal(cached.out, cold.out);
      assert.equal(cached.code, cold.code);
      const report = await cli(dir, 'report', 'examples', '--format', 'json');
      assert.equal((await cli(dir, 'report', 'examples', '--format', 'json', '--cache-location', cache)).out, report.out);
      return cold.out + report.out;
    };
    const first = await both();
    const stored = readFileSync(cache, 'utf8');
    assert.equal(await both(), first);
    assert.equal(readFileSync(cache, 'utf8'), stored, 'every sidecar came from the cache: nothing to write');
    const edit = (file: string, change: (text: string) => string) => {
      const full = path.join(production, file);
      writeFileSync(full, change(readFileSync(full, 'utf8')));
    };
    const outputs = [first];
    // A sidecar, the script its tags are anchored in, the configuration, and a frame under a folder sidecar.
    edit('art/key-art.png.ai.json', (text) => text.replace('"final": "yes"', '"final": "no"'));
    outputs.push(await both());
    edit('script/salt-line.fountain', (text) => text.replace('The sign says open.', 'The sign says closed, and so is the harbour.'));
    outputs.push(await both());
    edit('.aidisclosure.json', (text) => JSON.stringify({ ...JSON.parse(text), rules: { 'notify-contact': 'error' } }));
    outputs.push(await both());
    writeFileSync(path.join(production, 'frames', 'sh010', 'sh010_comp_v003.1099.png'), 'not a real frame');
    outputs.push(await both());
    // An untagged image its own metadata marked as AI-made, replaced by one with no marker.
    copyFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'provenance', 'plain.png'), path.join(production, 'art', 'moodboard-storm.png'));
    outputs.push(await both());
    assert.equal(new Set(outputs).size, outputs.length, 'each change changed the findings');
    // Text output, summary on standard error included, served whole from the last run.
    const text = await cli(dir, 'check', 'examples', '--cache-location', cache);
    assert.ok(existsSync(path.join(dir, 'checks.last-run')), 'the whole run is kept beside the checks');
    const again = await cli(dir, 'check', 'examples', '--cache-location', cache);
    assert.deepEqual([again.out, again.err, again.code], [text.out, text.err, text.code]);
    assert.match(again.err, /AI uses in \d+ sidecars/);
    // A damaged or foreign cache file is ignored, then written anew.
    writeFileSync(cache, '{"format": 1, "release": "someone else');
    await both();
    assert.equal(JSON.parse(readFileSync(cache, 'utf8')).format, 1);
  });

  it('check reports a script that is a FIFO as a finding, without waiting for a writer, and checks the rest', async () => {
    const script = path.join(dir, 'examples', 'salt-line', 'script', 'salt-line.fountain');
    rmSync(script);
    execFileSync('mkfifo', [script]);
    const { code, out } = await cli(dir, 'check', 'examples');
    assert.equal(code, 1);
    const lines = out.trimEnd().split('\n');
    assert.ok(
      lines.includes(
        'examples/salt-line/script/salt-line.fountain.ai.json:4:13  error  unreadable-file  "salt-line.fountain" could not be read: it is not a regular file (a FIFO, device or socket); its tagged passages are not placed',
      ),
      lines.join('\n'),
    );
    assert.ok(
      lines.some((line) => line.includes('misleading-audience')),
      'the other sidecars are still checked',
    );
  });

  it('check --format json gives 1-based positions and the use id', async () => {
    const { code, out } = await cli(dir, 'check', 'examples', '--format', 'json');
    assert.equal(code, 1);
    const rows = JSON.parse(out) as { file: string; line: number; column: number; severity: string; rule: string; useId: string | null }[];
    const misleading = rows.find((r) => r.rule === 'misleading-audience')!;
    assert.equal(misleading.file, 'examples/salt-line/archive/harbour-1953.png.ai.json');
    assert.equal(misleading.useId, 'harbour-1953-recreation');
    const sidecarLines = readFileSync(path.join(dir, misleading.file), 'utf8').split('\n');
    assert.match(sidecarLines[misleading.line - 1].slice(misleading.column - 1), /^"yes"/, 'points at the presentedAsReal value');
  });

  it('names files relative to the working folder as path.relative does, controls made visible', () => {
    const io = { cwd: '/work/show' } as CliIo;
    const cases: [string, string][] = [
      ['/work/show/scripts/ep1.fountain', 'scripts/ep1.fountain'],
      ['/work/show', '.'],
      ['/work/show/', '.'],
      ['/work/show/a/../b.png', 'b.png'],
      ['/work/show/./a.png', 'a.png'],
      ['/work/show//a.png', 'a.png'],
      ['/work/show/a/', 'a'],
      ['/work/show/..hidden/x.png', '..hidden/x.png'],
      ['/work/show/../x.png', '/work/show/../x.png'],
      ['/work/showreel/x.png', '/work/showreel/x.png'],
      ['/work/other/x.png', '/work/other/x.png'],
      ['/work/show/bell\u0007.png', 'bell\\x07.png'],
    ];
    for (const [file, shown] of cases) assert.equal(display(io, file), shown, file);
  });

  it('names a file as path.relative would from any working folder, inside it or not', () => {
    const files = [
      '/work/show/a.png',
      '/work/show',
      '/work/sho',
      '/work',
      '/',
      '/elsewhere/x.png',
      '/work/other/../show/x.png',
      '/work/..x/y',
    ];
    const more = ['/work/./show/x.png', '/work//show/x.png', '/work/showreel/', '/x/', '/work/show/../../y.png'];
    for (const cwd of ['/work/show', '/work', '/']) {
      for (const file of [...files, ...more]) {
        const relative = path.posix.relative(cwd, file);
        const expected = relative === '' ? '.' : relative === '..' || relative.startsWith('../') ? file : relative;
        assert.equal(display({ cwd } as CliIo, file), expected, `${file} from ${cwd}`);
      }
    }
  });

  it('check exits 0 when nothing is at error severity', async () => {
    writeFileSync(path.join(dir, 'note.txt'), 'A line.\n');
    const { code: tagCode } = await cli(
      dir,
      'tag',
      'note.txt',
      '--tool',
      'Helper',
      '--environment',
      'enterprise',
      '--retains',
      'no',
      '--trains',
      'no',
      '--key-creative',
      'no',
    );
    assert.equal(tagCode, 0);
    const { code, out } = await cli(dir, 'check', '.', '--format', 'json');
    assert.equal(code, 1, 'the copied examples still hold errors');
    assert.ok(JSON.parse(out).some((r: { rule: string; file: string }) => r.file === 'note.txt' && r.rule === 'notify-contact'));
    const warningsOnly = await cli(dir, 'check', 'examples/salt-line/treatment');
    assert.equal(warningsOnly.code, 0, 'warnings and notes alone exit 0');
  });

  it('reports a sidecar with a syntax error at its line and column and leaves it untouched', async () => {
    const file = path.join(dir, 'examples/salt-line/art/key-art.png.ai.json');
    const broken = readFileSync(file, 'utf8').replace('"purpose": "Key art', '"purpose" "Key art');
    writeFileSync(file, broken);
    const line = broken.split('\n').findIndex((l) => l.includes('"purpose" "Key art')) + 1;
    const { out } = await cli(dir, 'check', 'examples');
    assert.match(
      out,
      new RegExp(
        `examples/salt-line/art/key-art\\.png\\.ai\\.json:${line}:\\d+  error  invalid-sidecar  Invalid sidecar: JSON syntax: expected ":"`,
      ),
    );
    const tag = await cli(dir, 'tag', 'examples/salt-line/art/key-art.png', '--tool', 'X');
    assert.equal(tag.code, 2);
    assert.match(tag.err, /key-art\.png\.ai\.json:\d+:\d+: .*not changed/);
    assert.equal(readFileSync(file, 'utf8'), broken);
  });

  it('reports a wrong field type at the exact value and leaves the file untouched', async () => {
    const file = path.join(dir, 'examples/salt-line/audio/temp-voice.wav.ai.json');
    const broken = readFileSync(file, 'utf8').replace('"environment": "local"', '"environment": 7');
    writeFileSync(file, broken);
    const lines = broken.split('\n');
    const line = lines.findIndex((l) => l.includes('"environment": 7')) + 1;
    const column = lines[line - 1].indexOf('7') + 1;
    const { out } = await cli(dir, 'check', 'examples');
    assert.ok(
      out.includes(
        `examples/salt-line/audio/temp-voice.wav.ai.json:${line}:${column}  error  invalid-sidecar  Invalid sidecar: uses[0].tool.environment: must be one of`,
      ),
      out,
    );
    assert.equal(readFileSync(file, 'utf8'), broken);
  });

  it('tag records a scene by heading with its anchor and prints the id', async () => {
    const script = 'examples/salt-line/script/salt-line.fountain';
    const { code, out } = await cli(dir, 'tag', script, '--scene', "OWEN'S KITCHEN", '--tool', 'ScriptMate', '--purpose', 'scene polish');
    assert.equal(code, 0);
    const id = out.trim();
    assert.match(id, /^ai-[0-9a-f]{8}$/);
    const parsed = parseSidecar(readFileSync(path.join(dir, `${script}.ai.json`), 'utf8'));
    assert.ok(parsed.ok);
    const use = parsed.sidecar.uses.find((u) => u.id === id)!;
    assert.equal(use.anchor?.scene?.heading, "INT. OWEN'S KITCHEN - NIGHT");
    assert.equal(use.anchor?.scene?.number, '4');
    assert.ok(use.anchor?.quote.startsWith("INT. OWEN'S KITCHEN - NIGHT #4#\n"));
    assert.ok(
      use.anchor?.quote.endsWith(
        'She got the sea.\n\nOwen pushes an old photograph across the table: a harbour crowd, 1953, everyone looking out to sea.\n\nCUT TO:',
      ),
    );
    assert.equal(use.created, '2026-11-25T12:00:00Z');
  });

  it('tag records an asset with its content hash, and --lines on a script', async () => {
    writeFileSync(path.join(dir, 'plate.png'), 'not really a png');
    const asset = await cli(dir, 'tag', 'plate.png', '--tool', 'Gen', '--final', '--environment', 'enterprise');
    assert.equal(asset.code, 0);
    const sidecar = JSON.parse(readFileSync(path.join(dir, 'plate.png.ai.json'), 'utf8'));
    assert.match(sidecar.subject.sha256, /^[0-9a-f]{64}$/);
    assert.equal(sidecar.uses[0].final, 'yes');
    writeFileSync(path.join(dir, 'pages.txt'), 'one\ntwo\nthree\n');
    const lines = await cli(dir, 'tag', 'pages.txt', '--lines', '2-3', '--tool', 'Gen');
    assert.equal(lines.code, 0);
    assert.equal(JSON.parse(readFileSync(path.join(dir, 'pages.txt.ai.json'), 'utf8')).uses[0].anchor.quote, 'two\nthree');
  });

  it('tag --lines refuses a script that changed after the lines were read, and tags nothing', async () => {
    const script = path.join(dir, 'pages.txt');
    writeFileSync(script, 'one\ntwo\nthree\n');
    let reads = 0;
    // Another program saves the script just after the CLI has read it to find the lines.
    const racing: FileSystem = {
      ...nodeFileSystem,
      readText: undefined,
      readFile: async (file) => {
        const bytes = await nodeFileSystem.readFile(file);
        if (file.endsWith('/pages.txt') && ++reads === 1) writeFileSync(script, 'zero\none\ntwo\nthree\n');
        return bytes;
      },
    };
    const result = await runCliIn(dir, ['tag', 'pages.txt', '--lines', '2-3', '--tool', 'Gen'], racing);
    assert.equal(result.code, 2);
    assert.match(result.err, /pages\.txt changed on disk while the passage was being chosen; nothing was tagged/);
    assert.ok(!existsSync(`${script}.ai.json`));
  });

  it('tag --title names the use in every message, and the id stays the key', async () => {
    writeFileSync(path.join(dir, 'poster.png'), 'not really a png');
    const tagged = await cli(dir, 'tag', 'poster.png', '--tool', 'Gen', '--final', '--title', '  Poster concept  ');
    assert.equal(tagged.code, 0);
    const use = JSON.parse(readFileSync(path.join(dir, 'poster.png.ai.json'), 'utf8')).uses[0];
    assert.equal(use.title, 'Poster concept');
    assert.match(use.id, /^ai-[0-9a-f]{8}$/);
    const checked = await cli(dir, 'check', '--format', 'json');
    const about = (JSON.parse(checked.out) as { useId: string; message: string }[]).filter((f) => f.useId === use.id);
    assert.ok(about.length > 0);
    for (const finding of about) assert.match(finding.message, /^AI use "Poster concept"/);
  });

  it('exits 2 with a clear message on bad usage', async () => {
    for (const argv of [
      ['frobnicate'],
      ['check', '--format', 'xml'],
      ['tag', 'x.png'],
      ['tag', 'missing.png', '--tool', 'X'],
      ['report', '--format', 'pdf'],
      ['check', 'no-such-folder'],
      ['check', '--bogus'],
    ]) {
      const { code, err } = await cli(dir, ...argv);
      assert.equal(code, 2, argv.join(' '));
      assert.match(err, /^ai-disclosure: /, argv.join(' '));
    }
    const lines = await cli(dir, 'tag', 'examples/salt-line/treatment/treatment.md', '--tool', 'X', '--lines', '9-999');
    assert.equal(lines.code, 2);
    assert.match(lines.err, /--lines must be A-B within 1-\d+/);
  });

  it('names the command or option a slip is for', async () => {
    for (const [argv, said] of [
      [['chek'], 'unknown command "chek"; did you mean check?'],
      [['check', '--formt', 'json'], 'unknown option "--formt"; did you mean --format?'],
      [['tag', 'x.png', '--tool', 'X', '--enviroment=enterprise'], 'unknown option "--enviroment"; did you mean --environment?'],
      [['check', '--bogus'], 'unknown option "--bogus"\n'],
    ] as const) {
      const { code, err } = await cli(dir, ...argv);
      assert.equal(code, 2, argv.join(' '));
      assert.ok(err.startsWith(`ai-disclosure: ${said}`), err);
    }
  });

  it('report writes a deterministic Markdown report', async () => {
    const first = await cli(dir, 'report', 'examples', '--output', 'report.md');
    assert.equal(first.code, 1);
    const text = readFileSync(path.join(dir, 'report.md'), 'utf8');
    assert.match(text, /^# Generative AI disclosure report/);
    assert.match(
      text,
      /\| Sky replacement, shot sh010 \(sh010-sky-replacement\) \| salt-line\/frames\/\{sh010\/sh010\\_comp\\_v003\.\\\*\.png\} \|.*\| Approved in writing \|/,
    );
    await cli(dir, 'report', 'examples', '--output', 'again.md');
    assert.equal(readFileSync(path.join(dir, 'again.md'), 'utf8'), text);
  });

  it('report refuses a configuration file with a mistake, at its line and column', async () => {
    const config = path.join(dir, 'examples/salt-line/.aidisclosure.json');
    writeFileSync(config, '{\n  "production": {\n    "name": 42\n  }\n}\n');
    const { code, err, out } = await cli(dir, 'report', 'examples/salt-line', '--format', 'md');
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.match(err, /^examples\/salt-line\/\.aidisclosure\.json:3:13 {2}error {2}configuration {2}production\.name: /);
  });

  it("check writes a large production's findings in blocks, one line per finding, in order", async () => {
    const folder = manyStills(300, false);
    const writes: string[] = [];
    await runCli(['check', 'many'], {
      out: (t) => writes.push(outputText(t)),
      err: () => undefined,
      cwd: dir,
      fs: nodeFileSystem,
      now: () => NOW,
    });
    const lines = writes.join('').trimEnd().split('\n');
    const { findings } = await checkProduction(nodeFileSystem, folder.split(path.sep).join('/'));
    assert.equal(lines.length, findings.length);
    lines.forEach((line, i) =>
      assert.ok(line.startsWith(`many/${path.posix.basename(findings[i].file)}:${findings[i].start.line}:`), line),
    );
    assert.ok(writes.length > 1 && writes.length < lines.length / 100, `${lines.length} lines in ${writes.length} writes`);
    for (const block of writes.slice(0, -1)) assert.ok(block.endsWith('\n') && block.length >= 65536);
  });

  it('ends quietly, with the exit code its findings give, when the reader of its output stops early', () => {
    // Far more than a pipe holds, so writes go on after the reader has gone.
    manyStills(400, true);
    const cli = `"${process.execPath}" "${path.join(REPO_ROOT, 'dist/cli.js')}" check many`;
    const run = (command: string) =>
      spawnSync('bash', ['-c', `set -o pipefail; ${command}`], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, XDG_CACHE_HOME: dir },
      });
    const whole = run(cli);
    assert.ok(whole.stdout.length > 250_000, `${whole.stdout.length} characters`);
    const cut = run(`${cli} | head -1`);
    assert.equal(whole.status, 1, 'the uses have errors');
    assert.deepEqual(
      [cut.status, cut.stdout, cut.stderr],
      [whole.status, whole.stdout.slice(0, whole.stdout.indexOf('\n') + 1), whole.stderr],
      'the exit code, the first line and the summary, with no stack trace',
    );
  });

  it("runs as a real process from the bundle with the documented exit code, keeping each production's media cache apart", () => {
    const cacheHome = path.join(dir, '.cache');
    // The one file earlier releases shared between all productions.
    mkdirSync(path.join(cacheHome, 'ai-disclosure'), { recursive: true });
    writeFileSync(
      path.join(cacheHome, 'ai-disclosure', 'sha256-v1.json'),
      JSON.stringify({ version: 1, entries: { '/elsewhere/plate.exr': [1, 1, 'ab'] } }),
    );
    const check = (folder: string) =>
      spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist/cli.js'), 'check', folder], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, XDG_CACHE_HOME: cacheHome },
      });
    const result = check('examples');
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout.split('\n')[0], FINDING_LINE);

    // Hashes of the tagged media are kept for the next run, in the user's (here: the test's) cache folder.
    const folder = path.join(cacheHome, 'ai-disclosure', 'media-v1');
    const cached = () =>
      Object.fromEntries(
        readdirSync(folder).map((name) => [name, Object.keys(cachedFacts(readFileSync(path.join(folder, name), 'utf8')).sha256)]),
      );
    assert.deepEqual(
      readdirSync(path.join(cacheHome, 'ai-disclosure')).sort(),
      ['code', 'media-v1'],
      'the shared file of earlier releases is gone',
    );
    const [examples] = Object.entries(cached());
    assert.match(examples[0], /^examples-[0-9a-f]{16}\.jsonl$/);
    assert.ok(
      examples[1].some((file) => file.endsWith('examples/salt-line/art/key-art.png')),
      examples[1].join(', '),
    );

    cpSync(path.join(dir, 'examples', 'salt-line'), path.join(dir, 'second'), { recursive: true });
    assert.equal(check('second').status, 1);
    const both = cached();
    assert.deepEqual(both[examples[0]], examples[1], "the first production's file is its own");
    const [second] = Object.entries(both).filter(([name]) => name.startsWith('second-'));
    assert.ok(second[1].length > 0 && second[1].every((file) => file.includes('/second/')), second[1].join(', '));
  });

  it("keeps V8's code cache of the bundle between runs, uses a sound one as it is and makes a damaged one again, printing the same", () => {
    const cacheHome = path.join(dir, '.cache');
    const run = () =>
      spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist/cli.js'), 'check', 'examples'], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, XDG_CACHE_HOME: cacheHome },
      });
    const first = run();
    assert.equal(first.status, 1, first.stderr);
    const codeFolder = path.join(cacheHome, 'ai-disclosure', 'code');
    const [cache] = readdirSync(codeFolder);
    assert.match(cache, new RegExp(`^cli-${process.version.replace(/\./g, '\\.')}-${process.arch}-\\d+-\\d+\\.bin$`));
    const made = readFileSync(path.join(codeFolder, cache));
    assert.ok(made.length > 10_000, `${made.length} bytes`);

    writeFileSync(path.join(codeFolder, cache), 'not a code cache');
    const damaged = run();
    assert.deepEqual([damaged.status, damaged.stdout, damaged.stderr], [first.status, first.stdout, first.stderr]);
    assert.deepEqual(readdirSync(codeFolder), [cache]);
    assert.ok(readFileSync(path.join(codeFolder, cache)).length > 10_000, 'made again after the run');
    const remade = statSync(path.join(codeFolder, cache)).ino;
    const again = run();
    assert.deepEqual([again.status, again.stdout, again.stderr], [first.status, first.stdout, first.stderr]);
    // V8 takes the cache only when made under the same flags: one it refused would be written anew.
    assert.equal(statSync(path.join(codeFolder, cache)).ino, remade, 'the cache was used as it was, not made again');
  });
});

describe('tagging frame sequences', () => {
  it('groups numbered frames by name, width and extension; the rest stay single files', async () => {
    const { groupFrameSequences } = await import('../../src/core/tagging');
    const frames = (name: string, count: number) =>
      Array.from({ length: count }, (_, i) => `/p/sh010/${name}.${String(1001 + i).padStart(4, '0')}.exr`);
    const { sequences, singles } = groupFrameSequences([
      ...frames('sh010_comp_v003', 5),
      ...frames('sh010_matte[v2]', 3),
      '/p/sh010/notes.txt',
      '/p/sh010/take1.wav',
      '/p/sh010/take2.wav',
      '/p/sh020/sh020.0001.exr',
    ]);
    assert.deepEqual(
      sequences.map((s) => [s.folder, s.glob, s.files.length]),
      [
        ['/p/sh010', 'sh010_comp_v003.[0-9][0-9][0-9][0-9].exr', 5],
        ['/p/sh010', 'sh010_matte[[]v2[]].[0-9][0-9][0-9][0-9].exr', 3],
      ],
    );
    assert.deepEqual(
      singles,
      ['/p/sh010/notes.txt', '/p/sh010/take1.wav', '/p/sh010/take2.wav', '/p/sh020/sh020.0001.exr'],
      'two takes and one frame are not a sequence',
    );
    const { globsCover } = await import('../../src/core/sidecar/paths');
    assert.ok(
      frames('sh010_matte[v2]', 3).every((f) => globsCover([sequences[1].glob], '/p/sh010', f)),
      'brackets in names are matched literally',
    );
    assert.ok(!globsCover([sequences[0].glob], '/p/sh010', '/p/sh010/sh010_comp_v003.12345.exr'), 'a different width is another sequence');
  });

  it('records a sequence passed to the CLI as one use in the folder sidecar, covering every frame', async () => {
    const { dir, cleanup } = temporaryFolder();
    try {
      mkdirSync(`${dir}/sh030`);
      for (let i = 1; i <= 24; i++) writeFileSync(`${dir}/sh030/sh030_comp_v001.${String(i).padStart(4, '0')}.exr`, `frame ${i}`);
      const frames = Array.from({ length: 24 }, (_, i) => `sh030/sh030_comp_v001.${String(i + 1).padStart(4, '0')}.exr`);
      const tagged = await cli(
        dir,
        'tag',
        ...frames,
        '--tool',
        'Gen',
        '--environment',
        'enterprise',
        '--retains',
        'no',
        '--trains',
        'no',
        '--key-creative',
        'no',
      );
      assert.equal(tagged.code, 0, tagged.err);
      assert.match(
        tagged.err,
        /Tagged 24 frames as ai-[0-9a-f]{8} in sh030\/\.ai\.json \("sh030_comp_v001\.\[0-9\]\[0-9\]\[0-9\]\[0-9\]\.exr"\)/,
      );
      assert.equal(readdirSync(`${dir}/sh030`).filter((f) => f.endsWith('.ai.json')).length, 1, 'one sidecar, not one per frame');
      const { uses } = await checkProduction(nodeFileSystem, dir.split(path.sep).join('/'));
      assert.equal(uses.length, 1);
      assert.equal(uses[0].subjects.length, 24);
    } finally {
      cleanup();
    }
  });
});
