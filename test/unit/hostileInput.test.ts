import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, renameSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { nodeFileSystem, nodeLinkOnPath } from '../../src/core/fs/nodeFileSystem';
import { visibleControls } from '../../src/core/text/visible';
import { compliantUse, sidecarWith, temporaryFolder } from '../support/fixtures';
import { denyingFileSystem } from '../support/denyingFileSystem';
import { runCliIn } from '../support/cli';
import { serializeSidecar } from '../../src/core/sidecar/serialize';
import { MAX_SIDECAR_BYTES } from '../../src/core/sidecar/store';
import { MAX_SCRIPT_BYTES } from '../../src/core/workspace/check';

/** Anything that acts on a terminal rather than showing as itself. */
// eslint-disable-next-line no-control-regex -- what the test looks for
const ACTING = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const isRoot = process.getuid?.() === 0;

const cli = (cwd: string, ...argv: string[]) => runCliIn(cwd, argv);

describe('output hygiene: text from files cannot act on the terminal', () => {
  it('writes C0, C1, DEL and bidi controls out visibly', () => {
    assert.equal(visibleControls('a\nb\r\tc\u001b[2Jd\u007f\u009be\u202Ef'), 'a\\nb\\r\\tc\\x1B[2Jd\\x7F\\x9Be\\u202Ef');
    assert.equal(visibleControls('Café — “quoted” 東京'), 'Café — “quoted” 東京', 'ordinary text is untouched');
  });

  it('check prints one line per finding whatever the recorded fields and file names hold', async () => {
    const { dir, cleanup } = temporaryFolder();
    try {
      const hostile = 'Sky\n/etc/passwd:1:1  error  forged  line\u001b]0;title\u0007\u001b]8;;http://x\u0007link\u202Eevil';
      const name = 'plate\u001b[2J.png';
      writeFileSync(path.join(dir, name), 'png');
      const use = compliantUse({ id: 'shot', purpose: hostile, final: 'yes' });
      use.tool.name = hostile;
      writeFileSync(path.join(dir, `${name}.ai.json`), serializeSidecar(sidecarWith(use)));
      const { out, err } = await cli(dir, 'check', '.');
      const lines = out.trimEnd().split('\n');
      assert.ok(lines.length > 0);
      for (const line of lines) {
        assert.ok(!ACTING.test(line), `no acting character in ${JSON.stringify(line)}`);
        assert.match(line, /^plate\\x1B\[2J\.png(\.ai\.json)?:\d+:\d+ {2}\w+ {2}[a-z-]+ {2}/, 'each line starts with the real file');
      }
      assert.ok(!ACTING.test(err.replace(/\n$/, '')));

      const tagged = await cli(dir, 'tag', name, '--tool', 'T\u001b[31m');
      assert.equal(tagged.code, 0);
      assert.ok(!ACTING.test(tagged.err.replace(/\n$/, '')), JSON.stringify(tagged.err));
      assert.match(tagged.err, /^Tagged plate\\x1B\[2J\.png as /);
    } finally {
      cleanup();
    }
  });

  it('escapes control characters in Markdown report cells', async () => {
    const { dir, cleanup } = temporaryFolder();
    try {
      writeFileSync(path.join(dir, 'a.png'), 'png');
      writeFileSync(
        path.join(dir, 'a.png.ai.json'),
        serializeSidecar(sidecarWith(compliantUse({ purpose: 'Sky\u001b[2J\u202Ereplacement' }))),
      );
      const { out } = await cli(dir, 'report', '.', '--format', 'md');
      // Markdown shows `\\x1B` as \x1B, and `\[` as [.
      assert.ok(out.includes('Sky\\\\x1B\\[2J\\\\u202Ereplacement'), 'the purpose is shown with its controls written out');
      assert.ok(!ACTING.test(out.replace(/\n/g, '')));
    } finally {
      cleanup();
    }
  });
});

describe('clear refusals: one line naming the file, exit 2, no internal error', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = temporaryFolder());
    writeFileSync(path.join(dir, 'a.png'), 'png');
  });
  afterEach(() => cleanup());

  const oneLine = (err: string) => {
    assert.equal(err.split('\n').length, 2, `one line: ${JSON.stringify(err)}`);
    assert.doesNotMatch(err, /internal error| {4}at /);
  };

  it('a sidecar from a newer release', async () => {
    writeFileSync(path.join(dir, 'a.png.ai.json'), JSON.stringify({ version: 99, uses: [] }));
    const { code, err } = await cli(dir, 'tag', 'a.png', '--tool', 'T');
    assert.equal(code, 2);
    oneLine(err);
    assert.match(err, /^ai-disclosure: a\.png\.ai\.json: written by a newer AI Disclosure \(format version 99\)/);
  });

  it('--output into a missing folder, or onto a folder, before any work', async () => {
    const missing = await cli(dir, 'report', '.', '--output', 'nowhere/report.md');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /^ai-disclosure: --output "nowhere\/report\.md": the folder nowhere does not exist\n/);
    mkdirSync(path.join(dir, 'out'));
    const folder = await cli(dir, 'report', '.', '--output', 'out');
    assert.equal(folder.code, 2);
    assert.match(folder.err, /^ai-disclosure: --output "out" is a folder; name a file in it\n/);
  });

  it('a symbolic-link loop given as the production folder', async () => {
    symlinkSync(path.join(dir, 'loop'), path.join(dir, 'loop'));
    const { code, err } = await cli(dir, 'check', 'loop');
    assert.equal(code, 2);
    oneLine(err);
    assert.match(err, /loop/);
  });

  it('a read-only folder when tagging', async function () {
    if (isRoot) this.skip(); // root writes anywhere: permissions cannot be tested as root
    chmodSync(dir, 0o555);
    try {
      const { code, err } = await cli(dir, 'tag', 'a.png', '--tool', 'T');
      assert.equal(code, 2);
      oneLine(err);
      assert.match(err, /^ai-disclosure: cannot \w+ .*a\.png\.ai\.json.*: permission denied \(nothing was changed\)\n$/);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('a read-only disk when tagging (as the operating system reports it)', async () => {
    const readOnly = {
      ...nodeFileSystem,
      writeFile: (file: string) =>
        Promise.reject(
          Object.assign(new Error(`EROFS: read-only file system, open '${file}'`), { code: 'EROFS', path: file, syscall: 'open' }),
        ),
    };
    const { code, err } = await runCliIn(dir, ['tag', 'a.png', '--tool', 'T'], readOnly);
    assert.equal(code, 2);
    oneLine(err);
    assert.equal(err, 'ai-disclosure: cannot open a.png.ai.json: the file system is read-only (nothing was changed)\n');
  });

  it('a lock path taken by a folder', async () => {
    mkdirSync(path.join(dir, 'a.png.ai.json.lock'));
    const { code, err } = await cli(dir, 'tag', 'a.png', '--tool', 'T');
    assert.equal(code, 2);
    oneLine(err);
    assert.match(err, /a\.png\.ai\.json\.lock is a folder, not a lock AI Disclosure made; remove it/);
    assert.throws(() => readFileSync(path.join(dir, 'a.png.ai.json')), 'nothing written');
  });
});

describe('symbolic links: never written through or over', () => {
  let dir: string;
  let outside: string;
  let cleanups: (() => void)[];
  beforeEach(() => {
    const production = temporaryFolder();
    const elsewhere = temporaryFolder();
    ({ dir } = production);
    outside = elsewhere.dir;
    cleanups = [production.cleanup, elsewhere.cleanup];
  });
  afterEach(() => cleanups.forEach((cleanup) => cleanup()));

  /** The CLI as `bin` runs it: the working folder is the tree the person named. */
  const cliIn = (cwd: string, ...argv: string[]) => runCliIn(cwd, argv, { ...nodeFileSystem, linkOnPath: nodeLinkOnPath(() => [cwd]) });

  it('refuses to tag through a sidecar that is a link to a file outside, leaving both as they were', async () => {
    const secret = path.join(outside, 'secret.json');
    const before = serializeSidecar(sidecarWith(compliantUse({ id: 'outside' })));
    writeFileSync(secret, before);
    writeFileSync(path.join(dir, 'a.png'), 'png');
    symlinkSync(secret, path.join(dir, 'a.png.ai.json'));
    const { code, err } = await cliIn(dir, 'tag', 'a.png', '--tool', 'T');
    assert.equal(code, 2);
    assert.equal(
      err,
      'ai-disclosure: a.png.ai.json is a symbolic link; AI Disclosure does not write through links (nothing was changed)\n',
    );
    assert.ok(lstatSync(path.join(dir, 'a.png.ai.json')).isSymbolicLink(), 'the link is still a link');
    assert.equal(readFileSync(secret, 'utf8'), before);
  });

  it('refuses to write a sidecar through a linked folder, outside the production', async () => {
    writeFileSync(path.join(outside, 'x.png'), 'png');
    symlinkSync(outside, path.join(dir, 'linkdir'));
    const { code, err } = await cliIn(dir, 'tag', 'linkdir/x.png', '--tool', 'T');
    assert.equal(code, 2);
    assert.match(err, /^ai-disclosure: linkdir\/x\.png\.ai\.json: linkdir is a symbolic link; AI Disclosure does not write through links/);
    assert.equal(existsSync(path.join(outside, 'x.png.ai.json')), false, 'nothing written outside');
  });
});

describe('partial failure is a finding: one bad path never hides the rest', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => {
    ({ dir, cleanup } = temporaryFolder());
    // A sidecar that always has a finding, to show the rest is still checked.
    writeFileSync(path.join(dir, 'fine.png'), 'png');
    writeFileSync(path.join(dir, 'fine.png.ai.json'), serializeSidecar(sidecarWith(compliantUse({ id: 'fine', final: 'yes' }))));
  });
  afterEach(() => cleanup());

  async function check(fs = nodeFileSystem, ...extra: string[]) {
    const { code, out, err } = await runCliIn(dir, ['check', '.', ...extra], fs);
    return { code, lines: out.trimEnd().split('\n'), err };
  }

  const stillChecked = (lines: string[]) =>
    assert.ok(
      lines.some((line) => line.startsWith('fine.png.ai.json:') && line.includes('final-deliverable')),
      'the rest is still checked',
    );

  it('a folder that cannot be listed', async () => {
    mkdirSync(path.join(dir, 'locked'));
    const { code, lines } = await check(denyingFileSystem([`${dir}/locked`]));
    assert.equal(code, 1);
    assert.ok(
      lines.includes(
        'locked:1:1  error  unreadable-file  "locked" could not be read: permission denied; nothing in it is checked or reported',
      ),
    );
    stillChecked(lines);
  });

  it('a sidecar that cannot be read, and one that is a FIFO', async () => {
    writeFileSync(path.join(dir, 'a.png'), 'png');
    writeFileSync(path.join(dir, 'a.png.ai.json'), serializeSidecar(sidecarWith(compliantUse())));
    execFileSync('mkfifo', [path.join(dir, 'b.png.ai.json')]);
    const { code, lines } = await check(denyingFileSystem([`${dir}/a.png.ai.json`]));
    assert.equal(code, 1);
    assert.ok(
      lines.includes(
        'a.png.ai.json:1:1  error  unreadable-file  This sidecar could not be read: permission denied; its AI uses are not checked or reported',
      ),
      lines.join('\n'),
    );
    assert.ok(
      lines.includes(
        'b.png.ai.json:1:1  error  unreadable-file  "b.png.ai.json" could not be read: it is not a regular file (a FIFO, device or socket); nothing in it is checked or reported',
      ),
      lines.join('\n'),
    );
    stillChecked(lines);
  });

  it('a tagged asset that cannot be read: the finding, and its uses still checked', async () => {
    writeFileSync(path.join(dir, 'a.png'), 'png');
    const sidecar = sidecarWith(compliantUse({ id: 'shot', final: 'yes' }));
    sidecar.subject = { file: 'a.png', sha256: '0'.repeat(64) };
    writeFileSync(path.join(dir, 'a.png.ai.json'), serializeSidecar(sidecar));
    const { lines } = await check(denyingFileSystem([`${dir}/a.png`]));
    assert.ok(
      lines.some((line) =>
        /^a\.png\.ai\.json:\d+:\d+ {2}error {2}unreadable-file {2}"a\.png" could not be read: permission denied; whether it changed/.test(
          line,
        ),
      ),
    );
    assert.ok(
      lines.some((line) => line.includes('final-deliverable') && line.includes('shot')),
      'the use is still checked',
    );
  });

  it('a configuration file that cannot be read is a configuration problem at its place, not an internal error', async () => {
    writeFileSync(path.join(dir, '.aidisclosure.json'), '{}');
    const { code, err } = await check(denyingFileSystem([`${dir}/.aidisclosure.json`]));
    assert.equal(code, 2);
    assert.equal(
      err,
      '.aidisclosure.json:1:1  error  configuration  the configuration could not be read: permission denied (this file is not applied until it is fixed)\n',
    );
  });

  it('counts untagged media whose provenance could not be read in the summary', async () => {
    writeFileSync(path.join(dir, 'still.png'), 'png');
    const { err } = await check(denyingFileSystem([`${dir}/still.png`]));
    assert.match(err, /; 1 medium could not be read for provenance \(first: still\.png\)\n$/);
  });

  it('a folder whose path is longer than the operating system allows', async function () {
    const here = process.cwd();
    try {
      process.chdir(dir);
      for (let level = 0; level < 20; level++) {
        mkdirSync('d'.repeat(250));
        process.chdir('d'.repeat(250));
      }
    } finally {
      process.chdir(here);
    }
    const { code, lines } = await check().finally(() => {
      // Shortened, so the folder can be removed afterwards.
      try {
        process.chdir(dir);
        for (let level = 0; level < 20; level++) {
          renameSync('d'.repeat(250), 'd');
          process.chdir('d');
        }
      } finally {
        process.chdir(here);
      }
    });
    assert.equal(code, 1);
    assert.ok(
      lines.some((line) =>
        /^d{250}\/.*:1:1 {2}error {2}unreadable-file {2}"d{250}" could not be read: the path is longer than the operating system allows/.test(
          line,
        ),
      ),
      lines.map((line) => line.slice(-160)).join('\n'),
    );
    stillChecked(lines);
  });

  it('a sidecar that names its file in the other Unicode form (NFD for NFC) is about that file', async () => {
    writeFileSync(path.join(dir, 'café.png'), 'png');
    const sidecar = sidecarWith(compliantUse());
    sidecar.subject = { file: 'café.png'.normalize('NFD') };
    writeFileSync(path.join(dir, 'café.png.ai.json'), serializeSidecar(sidecar));
    const { lines } = await check();
    assert.ok(!lines.some((line) => line.startsWith('café') && line.includes('missing-subject')), lines.join('\n'));
  });

  it('refuses a configuration glob that leaves its folder, at its place', async () => {
    writeFileSync(path.join(dir, '.aidisclosure.json'), '{\n  "include": ["../**"]\n}\n');
    const { code, err } = await check();
    assert.equal(code, 2);
    assert.match(
      err,
      /^\.aidisclosure\.json:2:15 {2}error {2}configuration {2}include\[0\]: a glob inside this folder: no "\.\." and no leading "\/"/,
    );
  });
});

describe('limits on every input', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = temporaryFolder()));
  afterEach(() => cleanup());

  it('tag --lines and --scene refuse a script past the size the check reads, before reading it', async () => {
    const script = path.join(dir, 'epic.fountain');
    writeFileSync(script, 'INT. HALL - DAY\n');
    truncateSync(script, MAX_SCRIPT_BYTES + 1);
    for (const range of [
      ['--lines', '1-1'],
      ['--scene', 'HALL'],
    ]) {
      const { code, err } = await cli(dir, 'tag', 'epic.fountain', '--tool', 'T', ...range);
      assert.equal(code, 2);
      assert.equal(
        err,
        'ai-disclosure: epic.fountain is 16.0 MB; scripts are read up to 16.0 MB, so a passage in it cannot be tagged (nothing was changed)\n',
      );
    }
    assert.equal(existsSync(`${script}.ai.json`), false);
  });

  it('does not read a configuration file past the limit, and says so at its place', async () => {
    writeFileSync(path.join(dir, '.aidisclosure.json'), `{"padding": "${'x'.repeat(MAX_SIDECAR_BYTES)}"}`);
    const { code, err } = await cli(dir, 'check', '.');
    assert.equal(code, 2);
    assert.match(
      err,
      /^\.aidisclosure\.json:1:1 {2}error {2}configuration {2}the configuration is 8\.0 MB; configuration files are read up to 8\.0 MB/,
    );
  });
});
