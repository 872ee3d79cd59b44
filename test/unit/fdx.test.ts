import * as assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { TagAnswers, tagFile } from '../../src/core/tagging';
import { checkProduction } from '../../src/core/workspace/production';
import { createAnchor, locateAnchor, prepareScript } from '../../src/core/anchor/anchor';
import { readFdx } from '../../src/core/anchor/fdx';
import { findSections } from '../../src/core/anchor/sections';
import { fdxOf, FdxTestParagraph, paragraphsOfFountain, scenesOf } from '../support/finalDraft';
import { generateScreenplay, prng } from '../support/screenplay';
import { temporaryFolder } from '../support/fixtures';
import { runCliIn } from '../support/cli';

const SHORT = `<?xml version="1.0" encoding="UTF-8" standalone="no" ?>
<FinalDraft DocumentType="Script" Template="No" Version="5">
<Content>
<Paragraph Type="New Act"><Text>ACT ONE</Text></Paragraph>
<Paragraph Number="1" Type="Scene Heading"><SceneProperties Length="1" Page="1" Title=""/><Text>INT. LIGHTHOUSE - NIGHT</Text></Paragraph>
<Paragraph Type="Action"><Text>Rain hammers the </Text><Text Style="Bold">glass</Text><Text> &amp; the lamp turns.</Text></Paragraph>
<Paragraph Type="Character"><Text>MARA</Text></Paragraph>
<Paragraph Type="Parenthetical"><Text>(quietly)</Text></Paragraph>
<Paragraph Type="Dialogue"><Text>It's coming.</Text></Paragraph>
<Paragraph Type="Action"><DualDialogue><Paragraph Type="Character"><Text>TOM</Text></Paragraph><Paragraph Type="Dialogue"><Text>Now?</Text></Paragraph><Paragraph Type="Character"><Text>MARA</Text></Paragraph><Paragraph Type="Dialogue"><Text>Now.</Text></Paragraph></DualDialogue></Paragraph>
<Paragraph Type="Shot"><Text>CLOSE ON THE LAMP</Text></Paragraph>
<Paragraph Type="Transition"><Text>CUT TO:</Text></Paragraph>
<Paragraph Number="2A" Type="Scene Heading"><SceneProperties Page="2"/><Text>the cliffs</Text></Paragraph>
<Paragraph Type="General"><Text>Gulls.</Text></Paragraph>
<Paragraph Type="Cast List"><Text>MARA, TOM</Text></Paragraph>
<Paragraph Type="End of Act"><Text>END OF ACT ONE</Text></Paragraph>
</Content>
<TitlePage><Content><Paragraph Type="Text"><Text>SALT LINE</Text></Paragraph><Paragraph Type="Text"><Text>by The Team</Text></Paragraph></Content></TitlePage>
</FinalDraft>
`;

describe('Final Draft: reading .fdx as a screenplay', () => {
  it('renders every paragraph type as Fountain, styled runs joined, entities decoded, numbers and pages kept', () => {
    const read = readFdx(SHORT);
    assert.deepEqual(read.problems, []);
    assert.equal(
      read.text,
      [
        'Title: SALT LINE',
        'Notes: by The Team',
        '',
        '# ACT ONE',
        '',
        'INT. LIGHTHOUSE - NIGHT #1#',
        '',
        'Rain hammers the glass & the lamp turns.',
        '',
        'MARA',
        '(quietly)',
        "It's coming.",
        '',
        'TOM',
        'Now?',
        '',
        'MARA ^',
        'Now.',
        '',
        '!CLOSE ON THE LAMP',
        '',
        'CUT TO:',
        '',
        '.the cliffs #2A#',
        '',
        'Gulls.',
        '',
        '!MARA, TOM',
        '',
        '# END OF ACT ONE',
        '',
      ].join('\n'),
    );
    const headings = read.paragraphs.filter((p) => p.type === 'Scene Heading');
    assert.deepEqual(
      headings.map((p) => [p.number, p.page]),
      [
        ['1', '1'],
        ['2A', '2'],
      ],
    );
    assert.deepEqual(
      findSections(read.text, 'fountain').map((s) => [s.heading, s.number]),
      [
        ['INT. LIGHTHOUSE - NIGHT', '1'],
        ['the cliffs', '2A'],
      ],
    );
  });

  it('places each screenplay line at the .fdx line and column where its paragraph text starts', () => {
    const read = readFdx(SHORT);
    const lines = SHORT.split('\n');
    const at = read.sourcePositionAt(read.text.indexOf('glass'));
    assert.equal(lines[at.line - 1].slice(at.column - 1, at.column - 1 + 'Rain hammers'.length), 'Rain hammers');
    const heading = read.sourcePositionAt(read.text.indexOf('.the cliffs'));
    assert.ok(lines[heading.line - 1].slice(heading.column - 1).startsWith('the cliffs</Text>'));
  });

  it('reads a feature-length script (generated, 120 pages) with every scene and its number', () => {
    const screenplay = generateScreenplay(120, 7);
    const paragraphs = paragraphsOfFountain(screenplay.text);
    const xml = fdxOf(paragraphs);
    const read = readFdx(xml);
    assert.deepEqual(read.problems, []);
    const headings = paragraphs.filter((p) => p.type === 'Scene Heading');
    assert.ok(headings.length > 100, `${headings.length} scenes`);
    assert.deepEqual(
      findSections(read.text, 'fountain').map((s) => s.number),
      headings.map((h) => h.number),
    );
  });
});

describe('Final Draft: tags that survive a new revision', () => {
  it('re-finds tags after scenes are inserted, deleted, reordered and renumbered and tagged sentences reworded; deleted ones are orphaned', () => {
    const random = prng(2026);
    const original = paragraphsOfFountain(generateScreenplay(120, 11).text);
    const before = readFdx(fdxOf(original));
    // 200 tags on action and dialogue paragraphs, spread through the script.
    const candidates = before.paragraphs.filter((p) => (p.type === 'Action' || p.type === 'Dialogue') && p.text.length > 40);
    const tagged = Array.from({ length: 200 }, (_, i) => candidates[Math.floor((i * candidates.length) / 200)]);
    const tags = tagged.map((p) => ({
      text: p.text,
      anchor: createAnchor(before.text, { start: p.viewStart, end: p.viewEnd }, 'fountain'),
    }));

    // The revision.
    const scenes = scenesOf(original);
    const [opening, ...numbered] = scenes;
    const deleted = new Set<FdxTestParagraph[]>();
    for (let i = 0; i < 6; i++) deleted.add(numbered[Math.floor(random() * numbered.length)]);
    let revised = numbered.filter((scene) => !deleted.has(scene));
    for (let i = 0; i < 10; i++) {
      const a = Math.floor(random() * revised.length);
      const b = Math.floor(random() * revised.length);
      [revised[a], revised[b]] = [revised[b], revised[a]];
    }
    for (let i = 0; i < 6; i++) {
      const at = Math.floor(random() * revised.length);
      revised.splice(at, 0, [
        { type: 'Scene Heading', text: `EXT. NEW PLACE ${i} - DAY` },
        { type: 'Action', text: `A scene the writers added in this revision, number ${i}, with nothing tagged in it.` },
      ]);
    }
    const reworded = new Set(tags.filter((_, i) => i % 10 === 3).map((tag) => tag.text));
    revised = revised.map((scene, index) =>
      scene.map((p) => {
        const renumbered = p.type === 'Scene Heading' ? { ...p, number: index % 9 === 0 ? `${index + 1}A` : `${index + 1}` } : p;
        return reworded.has(p.text) ? { ...renumbered, text: p.text.replace(/^(\S+ \S+ )\S+/, '$1rewritten') } : renumbered;
      }),
    );
    const after = readFdx(fdxOf([...opening, ...revised.flat()]));
    assert.deepEqual(after.problems, []);
    const prepared = prepareScript(after.text);

    const gone = new Set([...deleted].flat().map((p) => p.text));
    let found = 0;
    let orphaned = 0;
    for (const tag of tags) {
      const match = locateAnchor(prepared, tag.anchor);
      if (gone.has(tag.text)) {
        assert.equal(match, undefined, `a deleted passage is orphaned: ${tag.text}`);
        orphaned++;
        continue;
      }
      assert.ok(match, `re-found: ${tag.text}`);
      const words = after.text.slice(match.start, match.end);
      const expected = reworded.has(tag.text) ? tag.text.replace(/^(\S+ \S+ )\S+/, '$1rewritten') : tag.text;
      assert.equal(words, expected);
      found++;
    }
    assert.ok(orphaned > 0 && reworded.size > 0, 'the revision deletes and rewords tagged passages');
    console.log(
      `      re-found ${found} of ${tags.length - orphaned} surviving tags (${reworded.size} reworded); ${orphaned} in deleted scenes orphaned`,
    );
  });
});

describe('Final Draft: hostile XML is reported, never expanded or followed', () => {
  it('does not expand a billion-laughs entity declaration', () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const xml = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${levels}]><FinalDraft><Content><Paragraph Type="Action"><Text>&lol9;</Text></Paragraph></Content></FinalDraft>`;
    const read = readFdx(xml);
    assert.ok(read.text.length < 100, `${read.text.length} characters`);
    assert.ok(read.problems.some((p) => /DOCTYPE is ignored/.test(p.message)));
    assert.ok(read.problems.some((p) => /undefined entity/.test(p.message)));
  });

  it('never reads a local file an external entity names', () => {
    const { dir, cleanup } = temporaryFolder();
    try {
      writeFileSync(`${dir}/secret.txt`, 'TOP-SECRET-CONTENT');
      const xml = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file://${dir}/secret.txt">]><FinalDraft><Content><Paragraph Type="Action"><Text>see &xxe; here</Text></Paragraph></Content></FinalDraft>`;
      const read = readFdx(xml);
      assert.ok(!read.text.includes('TOP-SECRET'), 'the file was not read');
      assert.ok(read.problems.some((p) => /undefined entity/.test(p.message)));
    } finally {
      cleanup();
    }
  });

  it('reports a truncated file at its end, keeping the paragraphs before it', () => {
    const xml = fdxOf(paragraphsOfFountain(generateScreenplay(3, 1).text));
    const cut = xml.slice(0, Math.floor(xml.length * 0.6));
    const read = readFdx(cut);
    assert.ok(read.problems.length > 0);
    const lastLine = cut.split('\n').length;
    assert.ok(
      read.problems.every((p) => p.start.line >= lastLine - 1),
      JSON.stringify(read.problems[0]),
    );
    assert.ok(read.paragraphs.length > 10, 'what came before is read');
  });

  it('reads 100,000 nested elements without exhausting the stack', () => {
    const depth = 100_000;
    const xml = `<FinalDraft><Content><Paragraph Type="Action"><Text>deep</Text></Paragraph>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</Content></FinalDraft>`;
    const read = readFdx(xml);
    assert.deepEqual(read.problems, []);
    assert.equal(read.paragraphs.length, 1);
  });

  it('reports an "&" typed by hand at its place, reads it as the character, and reads the rest of the file', () => {
    const xml = [
      '<FinalDraft><Content>',
      '<Paragraph Type="Action"><Text>Tom & Jerry run.</Text></Paragraph>',
      '<!-- notes & drafts --><Paragraph Type="Action"><Text><![CDATA[R&D]]> and R&D; &amp; &#38; stay</Text></Paragraph>',
      '<Paragraph Type="Action"><Text>He waits; then goes & hides.</Text></Paragraph>',
      '</Content></FinalDraft>',
    ].join('\n');
    const read = readFdx(xml);
    const lines = xml.split('\n');
    const bareAt = (row: number, text: string) => ({ line: row + 1, column: lines[row].indexOf(text) + 1 });
    assert.deepEqual(
      read.problems.map((p) => [p.start, /"&" must be written "&amp;"/.test(p.message) ? 'bare' : p.message]),
      [
        [bareAt(1, '& Jerry'), 'bare'],
        // Spelled as a reference (to an entity XML does not define): the parser's own message, at its "&".
        [bareAt(2, '&D;'), 'undefined entity.'],
        [bareAt(3, '& hides'), 'bare'],
      ],
    );
    assert.deepEqual(
      read.paragraphs.map((p) => p.text),
      ['Tom & Jerry run.', 'R&D and R&D; & & stay', 'He waits; then goes & hides.'],
    );
    // Every paragraph placed where its text starts in the file, after each "&" as before it.
    for (const [i, paragraph] of read.paragraphs.entries()) {
      const textStart = bareAt(i + 1, '<Text>');
      assert.deepEqual(read.sourcePositionAt(paragraph.viewStart), { ...textStart, column: textStart.column + '<Text>'.length });
    }
  });

  it('reports a comment, CDATA section or processing instruction never closed where it opens', () => {
    for (const opening of ['<!--', '<![CDATA[', '<?']) {
      const xml = [
        '<FinalDraft><Content>',
        '<Paragraph Type="Action"><Text>Before.</Text></Paragraph>',
        `<Paragraph Type="Action"><Text>a ${opening} b & c</Text></Paragraph>`,
        '<Paragraph Type="Action"><Text>After.</Text></Paragraph>',
        '</Content></FinalDraft>',
      ].join('\n');
      const read = readFdx(xml);
      assert.deepEqual(read.problems[0].start, { line: 3, column: xml.split('\n')[2].indexOf(opening) + 1 }, opening);
      assert.match(read.problems[0].message, /never closed .* the rest of the file is read as part of it/);
      // What follows is inside it, as for any XML reader: no "&" in it is reported.
      assert.ok(!read.problems.some((p) => p.message.includes('&amp;')), opening);
      assert.deepEqual(read.paragraphs[0].text, 'Before.');
    }
  });

  it('reports malformed XML at its line and column', () => {
    const read = readFdx('<FinalDraft>\n<Content>\n<Paragraph Type="Action"><Text>a < b</Text></Paragraph>\n</Content></FinalDraft>');
    assert.deepEqual(read.problems[0].start.line, 3);
    assert.ok(read.problems[0].message.length > 0);
  });
});

describe('Final Draft from the command line', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = temporaryFolder()));
  afterEach(() => cleanup());

  async function cli(...argv: string[]) {
    const { code, out, err } = await runCliIn(dir, argv);
    return { code, out, lines: out.trimEnd().split('\n'), err };
  }

  it('tags a scene by its number, points findings at its paragraph in the .fdx, and follows it into the next revision', async () => {
    writeFileSync(`${dir}/pilot.fdx`, SHORT);
    const tagged = await cli('tag', 'pilot.fdx', '--tool', 'Helper', '--scene', '2A', '--final');
    assert.equal(tagged.code, 0, tagged.err);
    const xmlLines = SHORT.split('\n');
    const row = xmlLines.findIndex((line) => line.includes('<Text>the cliffs')) + 1;
    const column = xmlLines[row - 1].indexOf('the cliffs') + 1;
    const checked = await cli('check', '.');
    assert.ok(
      checked.lines.includes(
        `pilot.fdx:${row}:${column}  warning  final-deliverable  AI use "${tagged.lines[0]}" is part of the final deliverables`,
      ),
      checked.lines.join('\n'),
    );

    // The writers' next revision: a scene inserted before, the scene renumbered and a word changed.
    const revised = SHORT.replace(
      '<Paragraph Number="2A"',
      '<Paragraph Number="1B" Type="Scene Heading"><Text>EXT. JETTY - NIGHT</Text></Paragraph>\n<Paragraph Type="Action"><Text>Waves.</Text></Paragraph>\n<Paragraph Number="3"',
    ).replace('Gulls.', 'Gulls cry.');
    writeFileSync(`${dir}/pilot.fdx`, revised);
    const again = await cli('check', '.');
    const newRow = revised.split('\n').findIndex((line) => line.includes('<Text>the cliffs')) + 1;
    assert.ok(
      again.lines.some((line) => line.startsWith(`pilot.fdx:${newRow}:`) && line.includes('final-deliverable')),
      again.lines.join('\n'),
    );
    assert.ok(!again.lines.some((line) => line.includes('orphaned-tag')));
  });

  it('places a passage in the report by its scene number, heading and page as they are now, not by lines of XML', async () => {
    writeFileSync(`${dir}/pilot.fdx`, SHORT);
    await cli('tag', 'pilot.fdx', '--tool', 'Helper', '--scene', '2A');
    // The next revision renumbers the scene and moves it to page 3.
    writeFileSync(
      `${dir}/pilot.fdx`,
      SHORT.replace('Number="2A"', 'Number="4"').replace('<SceneProperties Page="2"/>', '<SceneProperties Page="3"/>'),
    );
    const { out: json } = await cli('report', '.', '--format', 'json');
    const [use] = JSON.parse(json).uses;
    assert.deepEqual([use.lines, use.scene], [null, { heading: 'the cliffs', number: '4', page: '3', pageEstimated: false }]);
    const { out: markdown } = await cli('report', '.', '--format', 'md');
    assert.ok(markdown.includes('Scene 4, the cliffs, page 3 · pilot.fdx'), markdown);
  });

  it('gives each placed use its passage in the screenplay view too, where the editor shows it', async () => {
    writeFileSync(`${dir}/pilot.fdx`, SHORT);
    await cli('tag', 'pilot.fdx', '--tool', 'Helper', '--scene', '2A');
    const { uses } = await checkProduction(nodeFileSystem, dir.split(path.sep).join('/'));
    const [record] = uses;
    const view = readFdx(SHORT).text;
    const lines = view.split('\n');
    assert.ok(record.screenplayRange, 'a screenplay range');
    const { start, end } = record.screenplayRange;
    assert.equal(lines[start.line - 1].slice(start.column - 1), '.the cliffs #2A#');
    assert.ok(
      lines
        .slice(start.line - 1, end.line)
        .join('\n')
        .includes('Gulls.'),
      view,
    );
  });

  it('refuses to tag offsets chosen in a screenplay that has since changed on disk', async () => {
    writeFileSync(`${dir}/pilot.fdx`, SHORT);
    const shown = readFdx(SHORT).text;
    writeFileSync(`${dir}/pilot.fdx`, SHORT.replace('Gulls.', 'Terns.'));
    const answers: TagAnswers = {
      tool: { name: 'Helper', environment: 'enterprise', retainsInputs: 'no', trainsOnInputs: 'no' },
      purpose: 'Scene draft',
      final: 'no',
      keyCreative: 'no',
    };
    await assert.rejects(
      tagFile(nodeFileSystem, `${dir}/pilot.fdx`.split(path.sep).join('/'), answers, {
        range: { start: 0, end: 10 },
        shownText: shown,
      }),
      /changed on disk while the passage was being chosen; nothing was tagged/,
    );
    assert.equal(existsSync(`${dir}/pilot.fdx.ai.json`), false);
  });

  it('refuses --lines for a .fdx, and reports malformed XML as a finding at its place', async () => {
    writeFileSync(`${dir}/pilot.fdx`, SHORT);
    const lines = await cli('tag', 'pilot.fdx', '--tool', 'Helper', '--lines', '1-2');
    assert.equal(lines.code, 2);
    assert.match(lines.err, /--lines does not apply to a Final Draft script/);
    await cli('tag', 'pilot.fdx', '--tool', 'Helper', '--scene', '1');
    writeFileSync(`${dir}/pilot.fdx`, SHORT.replace('<Text>Gulls.</Text>', '<Text>Gulls.</Txt>'));
    const { lines: found } = await cli('check', '.');
    const row = SHORT.split('\n').findIndex((line) => line.includes('Gulls')) + 1;
    assert.ok(
      found.some(
        (line) => line.startsWith(`pilot.fdx:${row}:`) && line.includes('unreadable-file') && line.includes('is not well-formed here'),
      ),
      found.join('\n'),
    );
  });
});
