import * as assert from 'node:assert/strict';
import { createAnchor, locateAnchor } from '../../src/core/anchor/anchor';
import { findSections } from '../../src/core/anchor/sections';

const SCRIPT = [
  'Title: Test',
  '',
  'INT. KITCHEN - NIGHT #1#',
  '',
  'Tea goes cold.',
  '',
  'OWEN',
  "We're shut.",
  '',
  'EXT. HARBOUR - DAY #2#',
  '',
  'OWEN',
  "We're shut.",
  '',
  'A gull lands.',
  '',
].join('\n');

function rangeOf(text: string, quote: string, occurrence = 0) {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(quote, at + 1);
  return { start: at, end: at + quote.length };
}

describe('text-quote anchors', () => {
  it('records quote, context, position and the Fountain scene heading', () => {
    const anchor = createAnchor(SCRIPT, rangeOf(SCRIPT, 'Tea goes cold.'), 'fountain');
    assert.equal(anchor.quote, 'Tea goes cold.');
    assert.deepEqual(anchor.start, { line: 5, column: 1 });
    assert.deepEqual(anchor.scene, { heading: 'INT. KITCHEN - NIGHT', number: '1' });
    assert.ok(anchor.prefix.endsWith('#1#\n\n'));
  });

  it('finds the passage again after lines are inserted above it', () => {
    const anchor = createAnchor(SCRIPT, rangeOf(SCRIPT, 'A gull lands.'), 'fountain');
    const edited = SCRIPT.replace('Tea goes cold.', 'Tea goes cold.\nThe kettle ticks.\nRain.');
    const match = locateAnchor(edited, anchor)!;
    assert.equal(edited.slice(match.start, match.end), 'A gull lands.');
    assert.ok(match.moved);
  });

  it('tells a repeated line apart by its context', () => {
    const second = rangeOf(SCRIPT, "OWEN\nWe're shut.", 1);
    const anchor = createAnchor(SCRIPT, second, 'fountain');
    // Move the second scene to the top: position is no help, context is.
    const [head, rest] = SCRIPT.split('INT. KITCHEN');
    const [kitchen, harbour] = ('INT. KITCHEN' + rest).split('EXT. HARBOUR');
    const reordered = head + 'EXT. HARBOUR' + harbour + '\n' + kitchen;
    const match = locateAnchor(reordered, anchor)!;
    assert.equal(match.start, reordered.indexOf("OWEN\nWe're shut.\n\nA gull"));
  });

  it('prefers a passage with all its context to one at the recorded place that lost some', () => {
    const anchor = createAnchor(SCRIPT, rangeOf(SCRIPT, "OWEN\nWe're shut.", 1), 'fountain');
    const unchanged = locateAnchor(SCRIPT, anchor)!;
    assert.deepEqual([unchanged.start, unchanged.moved], [rangeOf(SCRIPT, "OWEN\nWe're shut.", 1).start, false]);
    // Same lines, but the recorded place's heading changed, and the whole scene was copied below.
    const renamed = SCRIPT.replace('EXT. HARBOUR', 'EXT. JETTY');
    const edited = renamed + '\n' + SCRIPT.slice(SCRIPT.indexOf('EXT. HARBOUR'));
    const match = locateAnchor(edited, anchor)!;
    assert.equal(match.start, edited.lastIndexOf("OWEN\nWe're shut."));
    assert.ok(match.moved);
  });

  it('survives a CRLF to LF conversion and back', () => {
    const crlf = SCRIPT.replace(/\n/g, '\r\n');
    const anchor = createAnchor(crlf, rangeOf(crlf, "OWEN\r\nWe're shut."), 'fountain');
    assert.equal(anchor.quote, "OWEN\nWe're shut.", 'quotes are stored with LF');
    const lf = locateAnchor(SCRIPT, anchor)!;
    assert.equal(SCRIPT.slice(lf.start, lf.end), "OWEN\nWe're shut.");
    const back = locateAnchor(crlf, createAnchor(SCRIPT, rangeOf(SCRIPT, 'A gull lands.'), 'fountain'))!;
    assert.equal(crlf.slice(back.start, back.end), 'A gull lands.');
    const crlfAgain = locateAnchor(crlf, anchor)!;
    assert.equal(crlf.slice(crlfAgain.start, crlfAgain.end), "OWEN\r\nWe're shut.");
  });

  it('returns nothing when the passage was cut (an orphan)', () => {
    const anchor = createAnchor(SCRIPT, rangeOf(SCRIPT, 'A gull lands.'), 'fountain');
    assert.equal(locateAnchor(SCRIPT.replace('A gull lands.', ''), anchor), undefined);
  });
});

describe('script sections', () => {
  it('finds Fountain scene headings of every kind, with numbers', () => {
    const text = [
      'INT. A - DAY',
      '',
      'x',
      '',
      'EXT. B #2A#',
      '',
      'est. c',
      '',
      'INT./EXT. D',
      '',
      'I/E E',
      '',
      '.FORCED',
      '',
      '...not a heading',
      '',
      'INTERIOR not a heading',
    ].join('\n');
    const headings = findSections(text, 'fountain').map((s) => [s.heading, s.number]);
    assert.deepEqual(headings, [
      ['INT. A - DAY', undefined],
      ['EXT. B', '2A'],
      ['est. c', undefined],
      ['INT./EXT. D', undefined],
      ['I/E E', undefined],
      ['FORCED', undefined],
    ]);
  });

  it('needs a blank line before a heading and skips the boneyard', () => {
    const text = ['Action.', 'INT. NOT A HEADING', '', '/*', '', 'INT. HIDDEN', '*/', '', 'INT. REAL'].join('\n');
    assert.deepEqual(
      findSections(text, 'fountain').map((s) => s.heading),
      ['INT. REAL'],
    );
  });

  it('spans a scene from its heading to the next, in CRLF files too', () => {
    const text = 'INT. A\r\n\r\nx\r\n\r\nEXT. B\r\n\r\ny\r\n';
    const [a, b] = findSections(text, 'fountain');
    assert.equal(text.slice(a.start, a.end), 'INT. A\r\n\r\nx\r\n\r\n');
    assert.equal(text.slice(b.start, b.end), 'EXT. B\r\n\r\ny\r\n');
    assert.equal(b.line, 5);
  });

  it('reads Markdown headings outside code fences and text paragraphs', () => {
    assert.deepEqual(
      findSections('# A\n\n```\n# no\n```\n## B\n', 'markdown').map((s) => s.heading),
      ['# A', '## B'],
    );
    assert.deepEqual(
      findSections('one\ntwo\n\nthree\n', 'text').map((s) => s.line),
      [1, 4],
    );
  });
});
