import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import { Minimatch } from 'minimatch';
import {
  candidateSidecarsFor,
  filesCovered,
  globsCover,
  isFolderSidecar,
  sidecarPathFor,
  subjectKindOf,
  subjectPathOf,
} from '../../src/core/sidecar/paths';

describe('sidecar paths and globs', () => {
  it('names a file sidecar after its file and maps back', () => {
    assert.equal(sidecarPathFor('/p/scene.fountain'), '/p/scene.fountain.ai.json');
    assert.equal(subjectPathOf('/p/key-art.png.ai.json'), '/p/key-art.png');
    assert.equal(subjectPathOf('/p/frames/.ai.json'), '/p/frames');
    assert.ok(isFolderSidecar('/p/frames/.ai.json'));
    assert.ok(!isFolderSidecar('/p/frames/x.ai.json'));
    // As path.posix.basename tells it, trailing slashes and names without a folder included.
    for (const file of [
      '.ai.json',
      'x.ai.json',
      '/.ai.json',
      '/p/.ai.json/',
      '/p/x.ai.json//',
      '/p/a.ai.json',
      'p\\.ai.json',
      '/p/.ai.jsonx',
    ])
      assert.equal(isFolderSidecar(file), path.posix.basename(file) === '.ai.json', file);
  });

  it('covers a frame sequence by glob without matching other shots or versions', () => {
    const globs = ['sh010/sh010_comp_v003.*.exr'];
    assert.ok(globsCover(globs, '/p/frames', '/p/frames/sh010/sh010_comp_v003.1001.exr'));
    assert.ok(globsCover(globs, '/p/frames', '/p/frames/sh010/sh010_comp_v003.1240.exr'));
    assert.ok(!globsCover(globs, '/p/frames', '/p/frames/sh010/sh010_comp_v004.1001.exr'));
    assert.ok(!globsCover(globs, '/p/frames', '/p/frames/sh020/sh010_comp_v003.1001.exr'));
  });

  it('answers for bare names exactly as minimatch does for every kind of glob', () => {
    const globs = ['*.exr', 'plate.{exr,dpx}', '!*.tmp', '*', '.*', 'a?c', '[ab]*.png', 'sh0010_v00[1-3].*.exr', '**', '**/*.exr'];
    globs.push('sub/*.exr', '#comment', '', '*.EXR', 'x\\*y', '+(a|b).png', 'c:', '*.exr/', '*.e_x-r', '*.', '*.b.png', '*.ex?');
    const names = ['plate.exr', '.hidden.exr', 'a.tmp', 'abc', 'sub', 'sh0010_v002.0001.exr', 'x*y', 'A.EXR', 'c:', 'plate.dpx'];
    names.push('sub/plate.exr', 'a\\b.png', 'b.png', 'aa.png', 'ü.exr', '.', '..', ' ', '.exr', 'x.exrs', 'a.exr.exr', 'a.e_x-r');
    names.push('a\\b.exr', 'c:x.exr', 'x.exr:', 'sub\\.exr', 'a.b.png');
    for (const glob of globs) {
      const matcher = new Minimatch(glob, { dot: true, nocase: false });
      for (const name of names) assert.equal(globsCover([glob], '/p', `/p/${name}`), matcher.match(name), `${glob} against ${name}`);
    }
    const files = names.map((name) => `/p/${name}`);
    for (const pair of [['*.exr', 'b.png'], ['sub/*.exr', '!*.tmp'], ['*.exr', '*.png'], ['*.exr', '*.tmp', 'sub'], []])
      assert.deepEqual(
        filesCovered(pair, '/p', files),
        files.filter((file) => pair.some((glob) => globsCover([glob], '/p', file))),
        pair.join(', '),
      );
  });

  it('matches dot-files and nested folders with **', () => {
    assert.ok(globsCover(['**/*'], '/p/a', '/p/a/b/c/.hidden.png'));
  });

  it('never lets a glob reach outside its folder', () => {
    assert.ok(!globsCover(['../**'], '/p/a', '/p/b/x.png'));
    assert.ok(!globsCover(['**'], '/p/a', '/p/ab/x.png'));
  });

  it('lists the own sidecar first, then folder sidecars up to the root', () => {
    assert.deepEqual(candidateSidecarsFor('/p/a/b/x.png', '/p'), [
      '/p/a/b/x.png.ai.json',
      '/p/a/b/.ai.json',
      '/p/a/.ai.json',
      '/p/.ai.json',
    ]);
    assert.deepEqual(candidateSidecarsFor('/p/x.png', '/'), ['/p/x.png.ai.json', '/p/.ai.json', '/.ai.json']);
    // Windows paths as the core spells them: the drive is the top, "/" or not.
    assert.deepEqual(candidateSidecarsFor('C:/p/a/x.png', 'C:/p'), ['C:/p/a/x.png.ai.json', 'C:/p/a/.ai.json', 'C:/p/.ai.json']);
    assert.deepEqual(candidateSidecarsFor('C:/p/x.png', '/'), ['C:/p/x.png.ai.json', 'C:/p/.ai.json', 'C:/.ai.json']);
  });

  it('knows scripts from assets by extension', () => {
    assert.equal(subjectKindOf('/p/a.FOUNTAIN'), 'script');
    assert.equal(subjectKindOf('/p/a.md'), 'script');
    assert.equal(subjectKindOf('/p/a.exr'), 'image');
    assert.equal(subjectKindOf('/p/a.wav'), 'audio');
    assert.equal(subjectKindOf('/p/a.mov'), 'video');
    assert.equal(subjectKindOf('/p/a.bin'), 'other');
  });
});

describe('files under a folder, from the sorted file list', () => {
  it("finds exactly the folder's files by bisection, not a sibling sharing its name's start", async () => {
    const { filesUnder, rangeUnder } = await import('../../src/core/sidecar/paths');
    const { insertSorted, removeRanges } = await import('../../src/core/sorted');
    const files = ['/p/sh01.exr', '/p/sh01/a.exr', '/p/sh01/b/c.exr', '/p/sh010/a.exr', '/p/sh02/a.exr'].sort();
    assert.deepEqual(filesUnder(files, '/p/sh01'), ['/p/sh01/a.exr', '/p/sh01/b/c.exr']);
    assert.deepEqual(filesUnder(files, '/p/sh01/'), ['/p/sh01/a.exr', '/p/sh01/b/c.exr']);
    assert.deepEqual(filesUnder(files, '/p/none'), []);
    insertSorted(files, '/p/sh01/0.exr');
    insertSorted(files, '/p/sh01/0.exr');
    assert.deepEqual(filesUnder(files, '/p/sh01'), ['/p/sh01/0.exr', '/p/sh01/a.exr', '/p/sh01/b/c.exr']);
    assert.deepEqual(removeRanges(files, [rangeUnder(files, '/p/sh01')]), ['/p/sh01.exr', '/p/sh010/a.exr', '/p/sh02/a.exr']);
  });

  it('merges the sorted file lists of several workspace folders as one sort would', async () => {
    const { mergeSorted } = await import('../../src/core/sorted');
    const lists = [['/b/x', '/b/y', '/b/é'], ['/a/1', '/c/2'], [], ['/a/10', '/b/x', '/B/z']].map((l) => [...l].sort());
    assert.deepEqual(mergeSorted(lists), lists.flat().sort());
    assert.deepEqual(mergeSorted([]), []);
  });
});
