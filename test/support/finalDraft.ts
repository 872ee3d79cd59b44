/**
 * Final Draft files written by the tests: the generated screenplays of ./screenplay.ts laid out as
 * `.fdx`, with scene numbers, pages and styled runs as Final Draft writes them.
 */

const CHARACTER = /^[A-Z][A-Z .'-]*$/;
const HEADING = /^(INT\.\/EXT\.|INT\.|EXT\.|EST\.) (.*?)(?: #([^#]+)#)?$/;

interface Paragraph {
  type: string;
  text: string;
  number?: string;
  page?: number;
}

/** The paragraphs of a generated Fountain screenplay (notes, synopses and cut passages left out, as Final Draft has none). */
export function paragraphsOfFountain(fountain: string): Paragraph[] {
  const body = fountain
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\[\[[\s\S]*?\]\]/g, '')
    .split('\n')
    .filter((line) => !/^(Title|Author):/.test(line) && !line.startsWith('= '));
  const paragraphs: Paragraph[] = [];
  let previous = '';
  let line = 0;
  for (const text of body) {
    line++;
    if (text.trim() === '') {
      previous = '';
      continue;
    }
    const heading = HEADING.exec(text);
    if (text.startsWith('# ')) paragraphs.push({ type: 'New Act', text: text.slice(2) });
    else if (heading)
      paragraphs.push({ type: 'Scene Heading', text: `${heading[1]} ${heading[2]}`, number: heading[3], page: Math.ceil(line / 55) });
    else if (previous === '' && CHARACTER.test(text)) paragraphs.push({ type: 'Character', text });
    else if (previous !== '' && text.startsWith('(')) paragraphs.push({ type: 'Parenthetical', text });
    else if (previous !== '') paragraphs.push({ type: 'Dialogue', text });
    else paragraphs.push({ type: 'Action', text });
    previous = paragraphs[paragraphs.length - 1].type === 'Action' ? '' : paragraphs[paragraphs.length - 1].type;
  }
  return paragraphs;
}

/** A `.fdx` of these paragraphs; a word in every tenth action is a bold run of its own, as styled text is. */
export function fdxOf(paragraphs: readonly Paragraph[], title = 'GENERATED'): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8" standalone="no" ?>',
    '<FinalDraft DocumentType="Script" Template="No" Version="5">',
    '',
    '  <Content>',
  ];
  paragraphs.forEach((paragraph, index) => {
    const number = paragraph.number ? ` Number="${escape(paragraph.number)}"` : '';
    out.push(`    <Paragraph${number} Type="${paragraph.type}">`);
    if (paragraph.type === 'Scene Heading') out.push(`      <SceneProperties Length="1 4/8" Page="${paragraph.page ?? 1}" Title=""/>`);
    const split = paragraph.type === 'Action' && index % 10 === 0 ? paragraph.text.indexOf(' ') : -1;
    if (split > 0) {
      out.push(`      <Text Style="Bold">${escape(paragraph.text.slice(0, split))}</Text>`);
      out.push(`      <Text>${escape(paragraph.text.slice(split))}</Text>`);
    } else out.push(`      <Text>${escape(paragraph.text)}</Text>`);
    out.push('    </Paragraph>');
  });
  out.push(
    '  </Content>',
    '  <TitlePage>',
    '    <Content>',
    '      <Paragraph Alignment="Center" Type="Text">',
    `        <Text>${escape(title)}</Text>`,
    '      </Paragraph>',
    '    </Content>',
    '  </TitlePage>',
    '</FinalDraft>',
    '',
  );
  return out.join('\n');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Scenes as lists of paragraphs (each starting at its heading; what comes before the first is scene 0). */
export function scenesOf(paragraphs: readonly Paragraph[]): Paragraph[][] {
  const scenes: Paragraph[][] = [[]];
  for (const paragraph of paragraphs) {
    if (paragraph.type === 'Scene Heading') scenes.push([]);
    scenes[scenes.length - 1].push(paragraph);
  }
  return scenes;
}

export type { Paragraph as FdxTestParagraph };
