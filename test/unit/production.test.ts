import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { FileSystem } from '../../src/core/fs/fileSystem';
import { pendingWork } from '../../src/core/pendingWork';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { toPosixPath } from '../../src/core/sidecar/paths';
import { LiveProduction } from '../../src/core/workspace/liveProduction';
import { ModelChange } from '../../src/core/workspace/production';
import { checkProduction } from '../../src/core/workspace/production';
import { emptyLookCaches, lookBeforeTheModel } from '../../src/core/workspace/firstLook';
import { REPO_ROOT, temporaryFolder } from '../support/fixtures';

/** A model that reports its changes, for a test to wait on. */
class Watched extends LiveProduction {
  readonly changes: ModelChange[] = [];
  protected override announce(change: ModelChange): void {
    this.changes.push(change);
  }
}

describe('the production model', () => {
  let root: string;
  let cleanup: () => void;
  beforeEach(() => {
    const folder = temporaryFolder();
    cleanup = folder.cleanup;
    root = toPosixPath(path.join(folder.dir, 'salt-line'));
    cpSync(path.join(REPO_ROOT, 'examples', 'salt-line'), root, { recursive: true });
  });
  afterEach(() => cleanup());

  it("checks an open script's sidecar before the walk of the production ends, as the full scan then finds it", async () => {
    let releaseWalk = () => {};
    const walkHeld = new Promise<void>((resolve) => (releaseWalk = resolve));
    // Listing folders waits until the test lets it go: the walk of a large production, slowed down.
    const fs: FileSystem = { ...nodeFileSystem, readDirectory: async (folder) => (await walkHeld, nodeFileSystem.readDirectory(folder)) };
    const script = `${root}/script/salt-line.fountain`;
    const model = new Watched(fs, { roots: () => [root], loadCustomPacks: () => true, openFiles: () => [script] });
    const scanned = model.rescan();
    for (let i = 0; i < 100 && model.changes.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(
      model.changes.map((c) => [...(c.sources ?? ['everything'])]),
      [[`${script}.ai.json`]],
      'the script came first, alone',
    );
    const early = model.findingsOf(`${script}.ai.json`);
    assert.ok(early && early.length > 0, 'with its findings');
    releaseWalk();
    await scanned;
    assert.equal(model.findingsOf(`${script}.ai.json`), early, 'the scan found the same findings and kept them as they were');
    const cli = await checkProduction(nodeFileSystem, root);
    assert.deepEqual(
      (await model.resultFor(root)).findings.map((f) => `${f.file}:${f.start.line} ${f.rule}`),
      cli.findings.map((f) => `${f.file}:${f.start.line} ${f.rule}`),
    );
    model.dispose();
  });

  /**
   * A model's scan whose walk has listed every folder once the root is listed, and hands the
   * listings over only when the test lets it go: what it reports is older than what happens meanwhile.
   */
  async function scanWithHeldWalk(): Promise<{ model: Watched; scanned: Promise<void>; release: () => void }> {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let rootListed = () => {};
    const listed = new Promise<void>((resolve) => (rootListed = resolve));
    const fs: FileSystem = {
      ...nodeFileSystem,
      readDirectory: async (folder) => {
        const entries = await nodeFileSystem.readDirectory(folder);
        if (folder === root) rootListed();
        await held;
        return entries;
      },
    };
    const model = new Watched(fs, { roots: () => [root], loadCustomPacks: () => true });
    const scanned = model.rescan();
    await listed;
    return { model, scanned, release };
  }

  /** The rules of a source's findings, in order. */
  const rulesOf = (model: Watched, source: string) => model.findingsOf(source)?.map((f) => f.rule);

  /** A sidecar that does not parse: its one finding says so, whoever wrote it. */
  const UNFINISHED_SIDECAR = '{ "version": 1,\n';

  it('keeps the check of a sidecar it wrote while a scan walked the production, which the walk listed without it', async () => {
    const { model, scanned, release } = await scanWithHeldWalk();
    const sidecar = `${root}/notes.md.ai.json`;
    writeFileSync(`${root}/notes.md`, '# Notes\n');
    writeFileSync(sidecar, UNFINISHED_SIDECAR);
    await model.written([sidecar]);
    assert.deepEqual(rulesOf(model, sidecar), ['invalid-sidecar']);
    release();
    await scanned;
    assert.deepEqual(rulesOf(model, sidecar), ['invalid-sidecar'], 'still there after the scan');
    model.dispose();
  });

  it('takes in files and sidecars that came, and sidecars that went, while a scan walked the production', async () => {
    const { model, scanned, release } = await scanWithHeldWalk();
    // What another tool (git, a sync client) does meanwhile, told by the watcher.
    const came = `${root}/pulled.md.ai.json`;
    writeFileSync(`${root}/pulled.md`, '# Pulled\n');
    writeFileSync(came, UNFINISHED_SIDECAR);
    const went = `${root}/treatment/treatment.md.ai.json`;
    rmSync(went);
    for (const [path, kind] of [
      [`${root}/pulled.md`, 'created'],
      [came, 'created'],
      [went, 'deleted'],
    ] as const)
      model.fileChanged({ path, kind });
    // Applied while the walk is still held: the sidecar that came is checked already.
    for (let i = 0; i < 400 && model.findingsOf(came) === undefined; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.ok(model.findingsOf(came), 'the events were applied before the walk ended');
    release();
    await scanned;
    await pendingWork.whenIdle();
    assert.deepEqual(rulesOf(model, came), ['invalid-sidecar']);
    assert.equal(model.findingsOf(went), undefined, 'the sidecar that went is not checked');
    model.dispose();
  });

  it("keeps an open script's first check for the next window, used only while the sidecar, the text and the configuration are the same", async () => {
    const script = `${root}/script/salt-line.fountain`;
    const sidecar = `${script}.ai.json`;
    const keptFolder = `${root}-kept`;
    mkdirSync(keptFolder);
    const editor: { unsaved?: string } = {};
    // The script as an editor holds it: unsaved text, when there is some, is what is read.
    const readText = async (file: string) =>
      file === script && editor.unsaved !== undefined ? editor.unsaved : new TextDecoder().decode(await nodeFileSystem.readFile(file));
    const fs: FileSystem = { ...nodeFileSystem, readText };
    // The first look reads through its own file system (an editor's reads blocking), the scan through the model's.
    const firstLookReads: string[] = [];
    const firstLookFs: FileSystem = {
      ...fs,
      readText: (file) => (firstLookReads.push(file), readText(file)),
      readFile: (file, maxBytes) => (firstLookReads.push(file), fs.readFile(file, maxBytes)),
    };
    /** A window opened with the script: its findings as first announced, and once everything settled. */
    const openWindow = async () => {
      let first: string[] | undefined;
      const messages = () => (model.findingsOf(sidecar) ?? []).map((f) => f.message);
      const model = new (class extends LiveProduction {
        protected override announce(change: ModelChange): void {
          if (!first && change.sources?.has(sidecar)) first = messages();
        }
      })(
        fs,
        { roots: () => [root], loadCustomPacks: () => true, openFiles: () => [script], keptFirstLooksIn: () => keptFolder },
        { firstLookFs },
      );
      await model.rescan();
      await pendingWork.whenIdle();
      const settled = messages();
      model.dispose();
      return { first, settled };
    };
    const { settled: checked } = await openWindow();
    assert.ok(firstLookReads.includes(script), 'the first look read the script through its own file system');
    const readsOf = (file: string) => firstLookReads.filter((read) => read === file).length;
    assert.deepEqual([readsOf(script), readsOf(sidecar)], [1, 1], 'the key and the check it was kept under read each file once');
    const [file] = readdirSync(keptFolder);
    assert.match(file, /^salt-line-[0-9a-f]{16}\.first-look\.json$/);
    // A kept message changed by hand shows that the next window took the kept check.
    const keptFile = path.join(keptFolder, file);
    const kept = JSON.parse(readFileSync(keptFile, 'utf8')) as { sidecars: Record<string, { findings: { message: string }[] }> };
    const keptMessage = kept.sidecars[sidecar].findings[0].message;
    kept.sidecars[sidecar].findings[0].message = `KEPT ${keptMessage}`;
    writeFileSync(keptFile, JSON.stringify(kept));
    const again = await openWindow();
    assert.ok(again.first?.includes(`KEPT ${keptMessage}`), 'the same inputs: the kept check first');
    assert.deepEqual(again.settled, checked, "then the full scan's own");
    editor.unsaved = `${readFileSync(script, 'utf8')}\nINT. A NEW SCENE - NIGHT\n`;
    assert.deepEqual((await openWindow()).first, checked, 'unsaved text: checked again');
  });

  it('adopts a look at the open files made before it existed, without checking those sidecars again', async () => {
    const script = `${root}/script/salt-line.fountain`;
    const sidecar = `${script}.ai.json`;
    const shown: string[] = [];
    const look = lookBeforeTheModel(nodeFileSystem, [root], [script], { loadCustomPacks: true }, (checked) => shown.push(checked));
    await look.done;
    assert.deepEqual(shown, [sidecar], "the look told of the open script's sidecar");
    const lookFindings = look.checked.get(sidecar)?.findings;
    // The model reads only through this: its scan checks every sidecar once; its own look would be a second read.
    const reads: string[] = [];
    const fs: FileSystem = { ...nodeFileSystem, readFile: (file, maxBytes) => (reads.push(file), nodeFileSystem.readFile(file, maxBytes)) };
    const model = new Watched(fs, { roots: () => [root], loadCustomPacks: () => true, openFiles: () => [script] }, { handedLook: look });
    await model.rescan();
    assert.deepEqual(
      model.changes.slice(0, 2).map((c) => [...(c.sources ?? ['everything'])]),
      [[sidecar], ['everything']],
      "the look's sidecar came first, then the scan",
    );
    assert.equal(model.findingsOf(sidecar), lookFindings, 'the findings the look made, kept as they were');
    const readsOf = (file: string) => reads.filter((read) => read === file).length;
    assert.deepEqual([readsOf(sidecar), readsOf(script)], [1, 1], "the scan's check read each once: no look of its own");
    const cli = await checkProduction(nodeFileSystem, root);
    assert.deepEqual(
      (await model.resultFor(root)).findings.map((f) => `${f.file}:${f.start.line} ${f.rule}`),
      cli.findings.map((f) => `${f.file}:${f.start.line} ${f.rule}`),
    );
    model.dispose();
  });

  it('looks at the open files itself when the look it was handed failed', async () => {
    const script = `${root}/script/salt-line.fountain`;
    const failed = Promise.reject(new Error('the look could not read'));
    const model = new Watched(
      nodeFileSystem,
      { roots: () => [root], loadCustomPacks: () => true, openFiles: () => [script] },
      { handedLook: { caches: emptyLookCaches(), checked: new Map(), done: failed } },
    );
    await model.rescan();
    assert.deepEqual(
      model.changes.slice(0, 2).map((c) => [...(c.sources ?? ['everything'])]),
      [[`${script}.ai.json`], ['everything']],
    );
    model.dispose();
  });

  it('tells the views of a scan before it reads the headers of untagged media', async () => {
    let releaseHeaders = () => {};
    const headersHeld = new Promise<void>((resolve) => (releaseHeaders = resolve));
    const opened: string[] = [];
    // Reading a medium's headers waits until the test lets it go.
    const fs: FileSystem = {
      ...nodeFileSystem,
      openForReading: async (file) => (opened.push(file), await headersHeld, nodeFileSystem.openForReading(file)),
    };
    const model = new Watched(fs, { roots: () => [root], loadCustomPacks: () => true });
    const scanned = model.rescan();
    for (let i = 0; i < 200 && !model.changes.some((c) => !c.sources); i++) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.ok(
      model.changes.some((c) => !c.sources),
      'the change of everything came while headers were held',
    );
    assert.equal(model.isUndeclared(`${root}/art/moodboard-storm.png`), false, 'not read yet');
    releaseHeaders();
    await scanned;
    assert.ok(opened.includes(`${root}/art/moodboard-storm.png`));
    assert.ok(model.isUndeclared(`${root}/art/moodboard-storm.png`), 'then read, and found undeclared');
    model.dispose();
  });

  it('re-checks a folder sidecar once for a burst of files written below it, not once per file', async () => {
    const sidecar = `${root}/frames/.ai.json`;
    let reads = 0;
    const fs: FileSystem = {
      ...nodeFileSystem,
      readFile: (file, maxBytes) => {
        if (file === sidecar) reads++;
        return nodeFileSystem.readFile(file, maxBytes);
      },
    };
    const model = new Watched(fs, { roots: () => [root], loadCustomPacks: () => true });
    await model.rescan();
    const covered = () => model.usesOf(sidecar)?.flatMap((r) => r.subjects).length ?? 0;
    const before = covered();
    reads = 0;
    // As a render writes frames: 60 files, each reported by the watcher as it comes.
    for (let i = 0; i < 60; i++) {
      const frame = `${root}/frames/sh010/sh010_comp_v003.${2000 + i}.png`;
      writeFileSync(frame, 'png');
      model.fileChanged({ path: frame, kind: 'created' });
      await new Promise((resolve) => setImmediate(resolve));
    }
    await pendingWork.whenIdle();
    assert.equal(covered(), before + 60, 'every new frame covered');
    assert.ok(reads <= 3, `the folder sidecar was read ${reads} times for 60 new files`);
    model.dispose();
  });

  it("finds a file's uses in its own sidecar and in the folder sidecars above it, nearest first", async () => {
    const art = `${root}/art/key-art.png`;
    const frame = `${root}/frames/sh010/sh010_comp_v003.1002.png`;
    // A production-wide folder sidecar covering every PNG below the root, art and frames alike.
    const template = JSON.parse(readFileSync(`${root}/frames/.ai.json`, 'utf8')) as { uses: Record<string, unknown>[] };
    const wide = { ...template, uses: [{ ...template.uses[0], id: 'grade-pass', files: ['**/*.png'] }] };
    writeFileSync(`${root}/.ai.json`, JSON.stringify(wide, null, 2));
    const model = new Watched(nodeFileSystem, { roots: () => [root], loadCustomPacks: () => true });
    await model.rescan();
    const ids = (file: string) => model.usesFor(file).map((record) => record.use.id);
    const own = JSON.parse(readFileSync(`${art}.ai.json`, 'utf8')) as { uses: { id: string }[] };
    assert.deepEqual(ids(art), [...own.uses.map((use) => use.id), 'grade-pass']);
    assert.deepEqual(ids(frame), ['sh010-sky-replacement', 'grade-pass']);
    assert.ok(!ids(`${root}/script/salt-line.fountain`).includes('grade-pass'), 'not a PNG');
    assert.deepEqual(ids(`${root}/frames/sh010/notes.txt`), [], 'no use covers it');
    model.dispose();
  });
});
