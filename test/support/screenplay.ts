/**
 * A deterministic generator of feature-length Fountain screenplays, written for these tests and
 * benchmarks: seeded, so every run sees the same script, edits and tags.
 */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = [
  'HARBOUR WALL',
  'CHANDLERY',
  'LIFEBOAT STATION',
  'KITCHEN',
  'PIER',
  'CHURCH HALL',
  'BUS SHELTER',
  'TRAWLER DECK',
  'COASTGUARD HUT',
  'BEACH',
];
const TIMES = ['DAY', 'NIGHT', 'DAWN', 'DUSK', 'CONTINUOUS', 'LATER'];
const PEOPLE = ['WREN', 'OWEN', 'MARGARET', 'TOM', 'ISLA', 'FERGUS', 'DOT'];
const WORDS =
  'the sea keeps its own ledger and nobody in this town has ever balanced it rope varnish diesel fog lantern gull wall tide storm harbour bell radio forecast boat slipway name gold paint salt rain wind door window quiet loud small old new cold warm'.split(
    ' ',
  );

export interface Screenplay {
  text: string;
  /** Offsets of every dialogue or action paragraph, for choosing passages to tag. */
  paragraphs: { start: number; end: number }[];
  sceneCount: number;
}

/** About `pages` pages of screenplay (roughly 45 lines a page), LF line endings. */
export function generateScreenplay(pages: number, seed = 1): Screenplay {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const sentence = (min: number, max: number) => {
    const count = min + Math.floor(random() * (max - min + 1));
    const words = Array.from({ length: count }, () => pick(WORDS));
    words[0] = words[0][0].toUpperCase() + words[0].slice(1);
    // A serial number keeps every sentence unique, as lines of a real script almost always are.
    return `${words.join(' ')} (${Math.floor(random() * 1e9).toString(36)}).`;
  };
  const lines: string[] = ['Title: GENERATED', 'Author: AI Disclosure tests', '', '# ACT ONE', ''];
  const paragraphs: { start: number; end: number }[] = [];
  let length = lines.join('\n').length + 1;
  const push = (line: string, paragraph = false) => {
    if (paragraph) paragraphs.push({ start: length, end: length + line.length });
    lines.push(line);
    length += line.length + 1;
  };
  let scene = 0;
  while (lines.length < pages * 45) {
    scene++;
    if (scene % 40 === 0) {
      push(`# ACT ${scene / 40 + 1}`);
      push('');
    }
    push(`${pick(['INT.', 'EXT.', 'INT./EXT.', 'EST.'])} ${pick(PLACES)} - ${pick(TIMES)} #${scene}#`);
    push('');
    if (random() < 0.3) {
      push(`= ${sentence(4, 8)}`);
      push('');
    }
    const beats = 3 + Math.floor(random() * 6);
    for (let beat = 0; beat < beats; beat++) {
      if (random() < 0.4) {
        push(sentence(8, 24), true);
      } else {
        push(pick(PEOPLE));
        if (random() < 0.2) push(`(${pick(['quietly', 'beat', 'to herself', 'not looking up'])})`);
        push(sentence(4, 16), true);
      }
      push('');
    }
    if (random() < 0.1) {
      push(`[[Note: ${sentence(3, 6)}]]`);
      push('');
    }
    if (random() < 0.05) {
      push('/* Cut for time:');
      push('');
      push(`INT. ${pick(PLACES)} - NIGHT`);
      push('');
      push(`${sentence(5, 10)} */`);
      push('');
    }
  }
  return { text: lines.join('\n') + '\n', paragraphs, sceneCount: scene };
}
