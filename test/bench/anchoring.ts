/**
 * Benchmark (prints numbers; asserts nothing): how many tags of a 120-page script with 200 tags are
 * re-found through the edit corpus, and how long re-anchoring all of them takes, also with the
 * script as a Final Draft file.
 * Run: npm run bench:anchoring
 */
import { performance } from 'node:perf_hooks';
import { createAnchor, locateAnchor, prepareScript } from '../../src/core/anchor/anchor';
import { readFdx } from '../../src/core/anchor/fdx';
import { fdxOf, paragraphsOfFountain } from '../support/finalDraft';
import { readFountain } from '../../src/core/anchor/fountain';
import { editCorpus, taggedScreenplay } from '../support/editCorpus';
import { median, percentile } from './statistics';

function time(runs: number, task: () => void): { median: number; p95: number } {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    task();
    samples.push(performance.now() - started);
  }
  return { median: median(samples), p95: percentile(samples, 0.95) };
}

const script = taggedScreenplay(120, 200);
const lineCount = script.text.split('\n').length;
console.log(`Script: 120 pages, ${lineCount} lines, ${(script.text.length / 1024).toFixed(0)} KiB, ${script.tags.length} tags`);
console.log('');
console.log(
  '| edit | tags expected to survive | re-found on the right words | exact | fuzzy | orphaned as expected | re-anchor all tags (median ms) |',
);
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
let survivors = 0;
let refound = 0;
for (const edit of editCorpus()) {
  const { text, expected } = edit.apply(script.text, script.tags);
  let right = 0;
  let exact = 0;
  let fuzzy = 0;
  let orphans = 0;
  const prepared = prepareScript(text);
  script.tags.forEach((tag, i) => {
    const match = locateAnchor(prepared, tag.anchor);
    if (expected[i] === null) {
      if (!match) orphans++;
      return;
    }
    if (match && text.slice(match.start, match.end) === expected[i]) {
      right++;
      if (match.exact) exact++;
      else fuzzy++;
    }
  });
  const expectedSurvivors = expected.filter((e) => e !== null).length;
  survivors += expectedSurvivors;
  refound += right;
  const { median: ms } = time(5, () => {
    const fresh = prepareScript(text);
    for (const tag of script.tags) locateAnchor(fresh, tag.anchor);
  });
  console.log(
    `| ${edit.name} | ${expectedSurvivors} | ${right} | ${exact} | ${fuzzy} | ${orphans}/${expected.length - expectedSurvivors} | ${ms.toFixed(1)} |`,
  );
}
console.log('');
console.log(`Share of surviving tags re-found on their words: ${refound}/${survivors} = ${((100 * refound) / survivors).toFixed(1)}%`);
const unchanged = time(21, () => {
  const prepared = prepareScript(script.text);
  for (const tag of script.tags) locateAnchor(prepared, tag.anchor);
});
console.log(
  `Re-anchor all ${script.tags.length} tags of the unchanged 120-page script: median ${unchanged.median.toFixed(2)} ms, p95 ${unchanged.p95.toFixed(2)} ms`,
);
const parse = time(51, () => readFountain(script.text));
console.log(`Read the Fountain structure of the 120-page script: median ${parse.median.toFixed(2)} ms, p95 ${parse.p95.toFixed(2)} ms`);

// The same script as Final Draft XML: read as its screenplay view, then the same re-anchoring.
const fdx = fdxOf(paragraphsOfFountain(script.text));
const view = readFdx(fdx);
const passages = view.paragraphs.filter((p) => p.type === 'Action' || p.type === 'Dialogue');
const fdxTags = Array.from({ length: 200 }, (_, i) => passages[Math.floor((i * passages.length) / 200)]).map((p) =>
  createAnchor(view.text, { start: p.viewStart, end: p.viewEnd }, 'fountain'),
);
const asFountain = time(21, () => {
  const prepared = prepareScript(script.text);
  for (const tag of script.tags) locateAnchor(prepared, tag.anchor);
  readFountain(script.text);
});
const asFdx = time(21, () => {
  const read = readFdx(fdx);
  const prepared = prepareScript(read.text);
  for (const tag of fdxTags) locateAnchor(prepared, tag);
  readFountain(read.text);
});
console.log(
  `The same script as .fdx (${(fdx.length / 1024).toFixed(0)} KiB of XML): read, structure and re-anchor 200 tags median ${asFdx.median.toFixed(2)} ms, ` +
    `as Fountain ${asFountain.median.toFixed(2)} ms (${(asFdx.median / asFountain.median).toFixed(1)}x)`,
);
