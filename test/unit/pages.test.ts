import * as assert from 'node:assert/strict';
import { fountainPageAt } from '../../src/core/anchor/pages';
import { scriptViewOf } from '../../src/core/anchor/scriptView';

/** Paragraphs of one printed line each, separated by blank lines: two of the 55 lines a page holds. */
function actionLines(count: number): string {
  return Array.from({ length: count }, (_, i) => `Action ${i + 1}.`).join('\n\n') + '\n';
}

describe('estimated pages of a Fountain script (standard screenplay pagination)', () => {
  it('fills 55 printed lines a page, blank lines between elements included', () => {
    const text = actionLines(60);
    const pageAt = fountainPageAt(text);
    assert.equal(pageAt(text.indexOf('Action 1.')), 1);
    // Paragraph n starts on printed line 2n-1: line 55 is paragraph 28, the last on page 1.
    assert.equal(pageAt(text.indexOf('Action 28.')), 1);
    assert.equal(pageAt(text.indexOf('Action 29.')), 2);
  });

  it('wraps action at 61 characters and dialogue at 35, between words', () => {
    const long = 'word '.repeat(60).trim(); // 299 characters: 5 lines of action, 9 of dialogue
    const action = `${long}\n\n`.repeat(10) + 'END.\n';
    const dialogue = `JOHN\n${long}\n\n`.repeat(5) + 'END.\n';
    // Action: 10 × (5 + 1) = 60 printed lines before END, so END is on page 2.
    assert.equal(fountainPageAt(action)(action.indexOf('END.')), 2);
    // Dialogue: 5 × (1 + 9 + 1) = 55 printed lines: END is the first line of page 2.
    assert.equal(fountainPageAt(dialogue)(dialogue.indexOf('END.')), 2);
    const shorter = `JOHN\n${long}\n\n`.repeat(4) + 'END.\n';
    assert.equal(fountainPageAt(shorter)(shorter.indexOf('END.')), 1);
  });

  it('counts nothing for the title page, notes, boneyard, sections and synopses; === breaks the page', () => {
    const text = `Title: Salt Line\nAuthor: A. Writer\n\n# ACT ONE\n\n= The storm arrives.\n\n[[a note]]\n\n/* cut\n${actionLines(100)}*/\n\nINT. HALL - DAY\n\nFirst.\n\n===\n\nSecond.\n`;
    const pageAt = fountainPageAt(text);
    assert.equal(pageAt(text.indexOf('INT. HALL')), 1);
    assert.equal(pageAt(text.indexOf('First.')), 1);
    assert.equal(pageAt(text.indexOf('Second.')), 2);
  });

  it('places a Fountain passage by scene and estimated page; other formats have no scenes', () => {
    const text = `INT. HALL - DAY #1#\n\n${actionLines(40)}\nEXT. PIER - NIGHT #2#\n\nWaves.\n`;
    const view = scriptViewOf('/p/a.fountain', text);
    assert.deepEqual(view.sceneAt?.(text.indexOf('Waves.')), { heading: 'EXT. PIER - NIGHT', number: '2', page: '2', pageEstimated: true });
    assert.deepEqual(view.sceneAt?.(text.indexOf('Action 3.')), {
      heading: 'INT. HALL - DAY',
      number: '1',
      page: '1',
      pageEstimated: true,
    });
    assert.equal(scriptViewOf('/p/a.md', text).sceneAt, undefined);
  });
});
