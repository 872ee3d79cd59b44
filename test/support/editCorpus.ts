import { Anchor } from '../../src/core/sidecar/schema';
import { createAnchor } from '../../src/core/anchor/anchor';
import { readFountain } from '../../src/core/anchor/fountain';
import { generateScreenplay, prng } from './screenplay';

export interface TaggedScript {
  text: string;
  tags: { anchor: Anchor; quote: string }[];
}

/** A feature-length script with `count` tagged dialogue/action paragraphs, chosen by seed. */
export function taggedScreenplay(pages: number, count: number, seed = 7): TaggedScript {
  const { text, paragraphs } = generateScreenplay(pages, seed);
  const random = prng(seed * 31);
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, paragraphs.length)) chosen.add(Math.floor(random() * paragraphs.length));
  const tags = [...chosen]
    .sort((a, b) => a - b)
    .map((i) => {
      const range = paragraphs[i];
      return { anchor: createAnchor(text, range, 'fountain'), quote: text.slice(range.start, range.end) };
    });
  return { text, tags };
}

/** One scripted edit of a whole script, and what should become of each tag. */
export interface CorpusEdit {
  name: string;
  apply(text: string, tags: TaggedScript['tags']): { text: string; expected: (string | null)[] };
}

const lines = (text: string) => text.split('\n');

/** The edits a script goes through between two saves: outside the editor, in git, in another program. */
export function editCorpus(): CorpusEdit[] {
  const keep = (text: string, tags: TaggedScript['tags']) => ({ text, expected: tags.map((t) => t.quote) });
  return [
    {
      name: 'insert 40 lines at the top',
      apply: (text, tags) =>
        keep(lines(text).slice(0, 5).concat(Array(40).fill('New action line.'), lines(text).slice(5)).join('\n'), tags),
    },
    {
      name: 'delete 30 untagged lines above the tags',
      apply: (text, tags) => {
        const all = lines(text);
        const firstTagLine = text.slice(0, text.indexOf(tags[0].quote)).split('\n').length;
        const cut = Math.max(5, firstTagLine - 31);
        return keep(
          all
            .slice(0, cut)
            .concat(all.slice(Math.min(cut + 30, firstTagLine - 1)))
            .join('\n'),
          tags,
        );
      },
    },
    {
      name: 'append a new act at the end',
      apply: (text, tags) => keep(text + '\n# ACT NINE\n\nINT. NEW PLACE - DAY\n\nA new scene.\n', tags),
    },
    {
      name: 'insert a line inside every scene',
      apply: (text, tags) => keep(text.replace(/(#\d+#\n)/g, '$1\nA new beat of action.\n'), tags),
    },
    {
      name: 'convert LF to CRLF',
      apply: (text, tags) => ({ text: text.replace(/\n/g, '\r\n'), expected: tags.map((t) => t.quote.replace(/\n/g, '\r\n')) }),
    },
    {
      name: 'reverse the order of the scenes',
      apply: (text, tags) => {
        const scenes = readFountain(text).scenes;
        const head = text.slice(0, scenes[0].start);
        const reordered =
          head +
          scenes
            .map((s) => text.slice(s.start, s.end))
            .reverse()
            .map((s) => (s.endsWith('\n') ? s : `${s}\n`))
            .join('');
        return keep(reordered, tags);
      },
    },
    {
      name: 'reword one word in every other tagged passage',
      apply: (text, tags) => {
        let edited = text;
        const expected = tags.map((tag, i) => {
          if (i % 2 === 1) return tag.quote;
          const words = tag.quote.split(' ');
          const at = Math.floor(words.length / 2);
          words[at] = words[at] === 'harbour' ? 'quay' : 'harbour';
          const reworded = words.join(' ');
          edited = edited.replace(tag.quote, reworded);
          return reworded;
        });
        return { text: edited, expected };
      },
    },
    {
      name: 'delete every fifth tagged passage',
      apply: (text, tags) => {
        let edited = text;
        const expected = tags.map((tag, i) => {
          if (i % 5 !== 0) return tag.quote;
          edited = edited.replace(tag.quote, 'A different line written by hand with no likeness to the old one at all.');
          return null;
        });
        return { text: edited, expected };
      },
    },
  ];
}
