import * as assert from 'node:assert/strict';
import { Fountain } from 'fountain-js';
import { readFountain } from '../../src/core/anchor/fountain';
import { generateScreenplay } from '../support/screenplay';

describe('Fountain reader', () => {
  it('finds sections, synopses, notes and the boneyard with exact offsets', () => {
    const text = [
      '# ACT ONE',
      '',
      '## Arrival',
      '',
      '= Wren comes home.',
      '',
      'INT. A - DAY #1#',
      '',
      'Action [[a note',
      'over two lines]] continues.',
      '',
      '/* cut',
      '',
      'EXT. HIDDEN - NIGHT',
      '*/',
      '',
      'EXT. B - NIGHT',
    ].join('\n');
    const fountain = readFountain(text);
    assert.deepEqual(
      fountain.sections.map((s) => [s.level, s.title, s.line]),
      [
        [1, 'ACT ONE', 1],
        [2, 'Arrival', 3],
      ],
    );
    assert.deepEqual(
      fountain.synopses.map((s) => s.text),
      ['Wren comes home.'],
    );
    assert.equal(text.slice(fountain.notes[0].start, fountain.notes[0].end), '[[a note\nover two lines]]');
    assert.equal(text.slice(fountain.boneyard[0].start, fountain.boneyard[0].end), '/* cut\n\nEXT. HIDDEN - NIGHT\n*/');
    assert.deepEqual(
      fountain.scenes.map((s) => [s.heading, s.number, s.line]),
      [
        ['INT. A - DAY', '1', 7],
        ['EXT. B - NIGHT', undefined, 17],
      ],
    );
  });

  it('gives the same structure in CRLF, with offsets into the CRLF text', () => {
    const lf = 'INT. A\n\nx\n\n[[n\nn]]\n\nEXT. B\n';
    const crlf = lf.replace(/\n/g, '\r\n');
    const scenes = readFountain(crlf).scenes;
    assert.deepEqual(
      scenes.map((s) => s.heading),
      ['INT. A', 'EXT. B'],
    );
    assert.ok(crlf.slice(scenes[1].start).startsWith('EXT. B\r\n'));
    assert.equal(crlf.slice(scenes[0].start, scenes[0].end), 'INT. A\r\n\r\nx\r\n\r\n[[n\r\nn]]\r\n\r\n');
  });

  for (const pages of [30, 120, 180]) {
    it(`agrees with fountain-js on the scene headings of a ${pages}-page script`, () => {
      const { text, sceneCount } = generateScreenplay(pages, pages);
      const ours = readFountain(text).scenes.map((s) => `${s.heading}#${s.number ?? ''}`);
      const theirs = new Fountain()
        .parse(text, true)
        .tokens.filter((t) => t.type === 'scene_heading')
        .map((t) => `${t.text}#${(t as { scene_number?: string }).scene_number ?? ''}`);
      assert.equal(ours.length, sceneCount, 'every generated scene, none from the boneyard');
      assert.deepEqual(ours, theirs);
    });
  }
});
