/**
 * Property-based tests (fast-check) over generated sidecars and scripts: the core never throws,
 * every problem has a place in the text, and valid sidecars survive parse → serialise → parse
 * without losing a field, unknown ones from a newer release included.
 *
 * Seeded so CI sees the same inputs every run; FUZZ_SEED and FUZZ_SCALE explore further.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { createAnchor, locateAnchor, prepareScript } from '../../src/core/anchor/anchor';
import { readFountain } from '../../src/core/anchor/fountain';
import { findSections } from '../../src/core/anchor/sections';
import { mapRangeThrough, TextChange } from '../../src/core/anchor/track';
import { formatPath, isJsonObject, parseValidatedJson, valueAt } from '../../src/core/json/validatedJson';
import type { SchemaNode } from '../../src/core/json/zod';
import { ProjectConfig } from '../../src/core/config/config';
import { parseSidecar, SidecarParseResult } from '../../src/core/sidecar/parse';
import {
  ANSWER_VALUES,
  APPROVAL_STATUSES,
  CONSENT_STATUSES,
  ENVIRONMENTS,
  INPUT_KINDS,
  RULE_IDS,
  Sidecar,
  TALENT_KINDS,
} from '../../src/core/sidecar/schema';
import { isValidSidecar } from '../../src/core/sidecar/sidecarValidator.generated';
import { serializeSidecar } from '../../src/core/sidecar/serialize';
import { LineIndex } from '../../src/core/text/lineIndex';
import { generateScreenplay } from '../support/screenplay';
import { valuePaths } from '../support/jsonPaths';
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { temporaryFolder } from '../support/fixtures';
import { useWithId } from '../support/concurrentWriter';
import { denyingFileSystem } from '../support/denyingFileSystem';
import { runCliIn } from '../support/cli';
import { MemoryFileSystem } from '../support/memoryFileSystem';

const SEED = Number(process.env.FUZZ_SEED ?? 20261125);
const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
const runs = (n: number) => ({ seed: SEED, numRuns: Math.round(n * SCALE) });

/** Inputs tried, for the closing note's count. */
const tried = { sidecars: 0, scripts: 0 };
after(() =>
  console.log(
    `      fuzzed ${tried.sidecars.toLocaleString('en')} sidecars and ${tried.scripts.toLocaleString('en')} script edits (seed ${SEED})`,
  ),
);

// ---- valid sidecars ---------------------------------------------------------------------------

const text = fc.string({ unit: 'grapheme', maxLength: 40 });
const nonBlank = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0);
const answer = fc.constantFrom(...ANSWER_VALUES);
const isoDate = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true })
  .chain((d) => fc.constantFrom(d.toISOString().slice(0, 10), d.toISOString().replace(/\.\d{3}Z$/, 'Z')));
/** Fields this release does not know, as a newer release might add them ("__proto__" keys are refused, tested below). */
const unknownFields = fc
  .dictionary(
    fc.string({ minLength: 1, maxLength: 12 }).map((k) => `x-${k}`),
    fc.jsonValue({ maxDepth: 3 }),
    { maxKeys: 3 },
  )
  .filter((fields) => !JSON.stringify(fields).includes('"__proto__"'));
const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

const tool = fc.record({
  name: nonBlank,
  version: optional(text),
  vendor: optional(text),
  environment: fc.constantFrom(...ENVIRONMENTS),
  retainsInputs: answer,
  trainsOnInputs: answer,
});
const use = (id: string) =>
  fc
    .record(
      {
        id: fc.constant(id),
        description: optional(text),
        tool,
        purpose: nonBlank,
        prompt: optional(text),
        final: answer,
        keyCreative: answer,
        inputs: fc.uniqueArray(fc.constantFrom(...INPUT_KINDS)),
        talent: optional(
          fc.record({
            kind: fc.constantFrom(...TALENT_KINDS),
            performers: fc.array(text, { maxLength: 3 }),
            unionCovered: answer,
            consent: fc.record({ status: fc.constantFrom(...CONSENT_STATUSES) }),
          }),
        ),
        realism: optional(
          fc.record(
            { depictsReal: answer, presentedAsReal: answer, audienceDisclosure: optional(text) },
            { requiredKeys: ['depictsReal', 'presentedAsReal'] },
          ),
        ),
        approval: optional(
          fc.record(
            { status: fc.constantFrom(...APPROVAL_STATUSES), by: optional(text), date: optional(isoDate) },
            { requiredKeys: ['status'] },
          ),
        ),
        notified: optional(fc.record({ date: isoDate })),
        directorConsulted: optional(answer),
        suppressions: fc.array(fc.record({ rule: fc.constantFrom(...RULE_IDS), reason: nonBlank }), { maxLength: 2 }),
        created: isoDate,
      },
      { requiredKeys: ['id', 'tool', 'purpose', 'final', 'keyCreative', 'inputs', 'suppressions', 'created'] },
    )
    .chain((record) => unknownFields.map((extra) => ({ ...extra, ...withoutUndefined(record) })));

const sidecar = fc
  .uniqueArray(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,11}$/), { maxLength: 4 })
  .chain((ids) => fc.tuple(...ids.map(use)))
  .chain((uses) => unknownFields.map((extra) => ({ ...extra, version: 1, uses })));

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A copy of `data` with `value` at `path` (the key removed for `undefined`, as JSON would write it). */
function withValueAt(data: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = JSON.parse(JSON.stringify(data)) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

/** A valid sidecar with every field the schema has, so that changing any one value tries each field's rules. */
const EVERY_FIELD = {
  $schema: 'x',
  version: 1,
  subject: { file: 'a.png', sha256: 'a'.repeat(64) },
  uses: [
    {
      id: 'u-1',
      title: 'Sky',
      files: ['shots/*.exr'],
      anchor: {
        quote: 'A',
        prefix: '',
        suffix: '',
        start: { line: 1, column: 1 },
        end: { line: 1, column: 2 },
        scene: { heading: 'INT. ROOM', number: '1' },
      },
      description: '',
      tool: { name: 'T', version: '1', vendor: 'V', environment: 'enterprise', retainsInputs: 'no', trainsOnInputs: 'no' },
      purpose: 'p',
      prompt: '',
      final: 'no',
      keyCreative: 'no',
      inputs: ['script'],
      references: { copyrightedWorks: ['W'], publicFigures: [] },
      talent: {
        kind: 'voice-clone',
        performers: ['P'],
        unionCovered: 'yes',
        replicaKind: 'background',
        alterationWithinScript: 'yes',
        unionNotified: 'no',
        consent: { status: 'granted', reference: 'r', date: '2026-01-01' },
      },
      realism: { depictsReal: 'no', presentedAsReal: 'no', audienceDisclosure: 'label' },
      approval: { status: 'approved', by: 'B', date: '2026-01-02T10:00:00Z', reference: 'r' },
      notified: { date: '2026-01-03', to: 'C' },
      writers: { handedToWriters: 'no', disclosedToWriters: 'no' },
      directorConsulted: 'yes',
      provenanceMarked: 'unknown',
      cueSheet: { timecode: '01:00:00:00', sourceMaterial: 's', copyrightStatus: 'c' },
      suppressions: [{ rule: 'data-retention', reason: 'why', by: 'B', date: '2026-01-04' }],
      author: 'A',
      created: '2026-01-01',
      updated: '2026-01-05 10:00',
    },
  ],
};

/** Every key `node` names, at any depth. */
function schemaKeys(node: SchemaNode, into = new Set<string>()): Set<string> {
  const { shape, innerType, element, type } = node._zod.def;
  for (const [key, child] of Object.entries(shape ?? {})) schemaKeys(child, into.add(key));
  for (const child of [innerType, element, type === 'lazy' ? node._zod.innerType : undefined]) if (child) schemaKeys(child, into);
  return into;
}
const SIDECAR_KEYS = [...schemaKeys(Sidecar)];

/** Every field of `given` is in `read` with the same value (reading may add defaults, never drop or change). */
function keepsEverything(given: unknown, read: unknown, at = '$'): void {
  if (Array.isArray(given)) {
    assert.ok(Array.isArray(read) && read.length === given.length, `${at}: array changed`);
    given.forEach((item, i) => keepsEverything(item, (read as unknown[])[i], `${at}[${i}]`));
  } else if (given !== null && typeof given === 'object') {
    assert.ok(read !== null && typeof read === 'object', `${at}: object lost`);
    for (const [key, value] of Object.entries(given)) keepsEverything(value, (read as Record<string, unknown>)[key], `${at}.${key}`);
  } else assert.deepEqual(read, given, `${at}: value changed`);
}

/** Every problem is somewhere in the text, start before end, lines and columns from 1. */
function placedInside(result: SidecarParseResult, input: string): void {
  if (result.ok) return;
  assert.ok(result.problems.length > 0, 'a failure says why');
  const lines = new LineIndex(input);
  for (const problem of result.problems) {
    assert.ok(problem.message.length > 0);
    for (const at of [problem.start, problem.end]) {
      assert.ok(Number.isInteger(at.line) && Number.isInteger(at.column) && at.line >= 1 && at.column >= 1, JSON.stringify(problem));
      assert.ok(at.line <= lines.lineCount + 1, `${JSON.stringify(problem)} is past the end`);
    }
    assert.ok(
      problem.end.line > problem.start.line || (problem.end.line === problem.start.line && problem.end.column >= problem.start.column),
      JSON.stringify(problem),
    );
  }
}

function parseNeverThrows(input: string): SidecarParseResult {
  tried.sidecars++;
  const result = parseSidecar(input);
  placedInside(result, input);
  return result;
}

describe('fuzzing: sidecars', function () {
  this.timeout(120_000);

  it('round-trips valid sidecars losslessly, unknown fields kept, with LF or CRLF and a BOM', () => {
    fc.assert(
      fc.property(sidecar, fc.constantFrom('\n' as const, '\r\n' as const), fc.boolean(), (data, lineEnding, bom) => {
        const written = (bom ? '\uFEFF' : '') + serializeSidecar(data as never, lineEnding);
        const first = parseNeverThrows(written);
        assert.ok(first.ok, JSON.stringify(!first.ok && first.problems));
        keepsEverything(data, first.sidecar);
        const again = serializeSidecar(first.sidecar, lineEnding);
        const second = parseNeverThrows(again);
        assert.ok(second.ok);
        assert.deepEqual(second.sidecar, first.sidecar);
        assert.equal(serializeSidecar(second.sidecar, lineEnding), again, 'serialising is stable');
      }),
      runs(3000),
    );
  });

  it("reads valid sidecars as zod's interpreter does, with or without the fields that have defaults", () => {
    const Interpreted = Sidecar.def.getter();
    fc.assert(
      fc.property(sidecar, fc.boolean(), (data, dropDefaults) => {
        if (dropDefaults)
          for (const use of data.uses as Record<string, unknown>[]) {
            delete use.inputs;
            delete use.suppressions;
            if (use.talent) delete (use.talent as Record<string, unknown>).performers;
          }
        const written = JSON.stringify(data);
        const read = parseNeverThrows(written);
        assert.ok(read.ok, JSON.stringify(!read.ok && read.problems));
        const expected = Interpreted.safeParse(JSON.parse(written));
        assert.ok(expected.success);
        assert.deepEqual(read.sidecar, expected.data);
      }),
      runs(1000),
    );
  });

  it('places every problem of a truncated sidecar', () => {
    fc.assert(
      fc.property(sidecar, fc.double({ min: 0, max: 1, noNaN: true }), (data, cut) => {
        const written = serializeSidecar(data as never);
        parseNeverThrows(written.slice(0, Math.floor(written.length * cut)));
      }),
      runs(2000),
    );
  });

  it('places every problem when any value has the wrong type', () => {
    fc.assert(
      fc.property(sidecar, fc.jsonValue({ maxDepth: 2 }), fc.nat(), (data, replacement, pick) => {
        const paths = valuePaths(data);
        const target = paths[pick % paths.length];
        parseNeverThrows(JSON.stringify(withValueAt(data, target, replacement), null, 2));
      }),
      runs(2000),
    );
  });

  it("accepts with the generated validator exactly what zod's parse accepts, with any one value or field changed", () => {
    const Interpreted = Sidecar.def.getter();
    const hex = 'a'.repeat(64);
    const position = { line: 1, column: 1 };
    /** Near misses of every field's rules, and valid values of the fields the generated sidecars leave out. */
    const replacement = fc.oneof(
      fc.constantFrom<unknown>(undefined, null, true, 0, 1, -1, 1.5, '', ' ', 'x', 'yes', 'pending', '2026-01-01', 'Z', hex, '../x', '/x'),
      fc.constantFrom<unknown>([], [''], ['*.png'], ['/x'], [1], {}, position, { line: 0, column: 1 }, { status: 'approved' }),
      fc.constantFrom<unknown>(
        { file: 'a.png', sha256: hex },
        { file: ' ', sha256: hex },
        { quote: 'A', prefix: '', suffix: '', start: position, end: position, scene: { heading: 'INT.' } },
        { quote: '', prefix: '', suffix: '', start: position, end: position },
        { kind: 'voice-clone', unionCovered: 'no', consent: { status: 'none', date: '2026-01-01' } },
        { handedToWriters: 'no', disclosedToWriters: 'unknown' },
        { copyrightedWorks: [], publicFigures: ['A'] },
        { date: '2026-01-01T10:00Z' },
        { rule: 'data-retention', reason: 'why' },
      ),
      fc.jsonValue({ maxDepth: 2 }),
    );
    fc.assert(
      fc.property(
        fc.oneof(sidecar, fc.constant(EVERY_FIELD)),
        replacement,
        fc.nat(),
        fc.constantFrom(...SIDECAR_KEYS),
        (data, value, pick, key) => {
          // A value of the file changed, or a field (of any object the schema has) set on one of its objects.
          const paths = valuePaths(data);
          const objects = paths.filter((path) => isJsonObject(valueAt(data, path)));
          const target = pick % 2 === 0 ? paths[(pick / 2) % paths.length] : [...objects[pick % objects.length], key];
          const changed = withValueAt(data, target, value);
          tried.sidecars++;
          assert.equal(isValidSidecar(changed), Interpreted.safeParse(changed).success, `${formatPath(target)} = ${JSON.stringify(value)}`);
        },
      ),
      runs(4000),
    );
  });

  it('places every problem in random bytes, broken UTF-8 and JSON-ish noise', () => {
    const noise = fc.oneof(
      fc.uint8Array({ maxLength: 300 }).map((bytes) => new TextDecoder().decode(bytes)),
      fc
        .array(
          fc.constantFrom('{', '}', '[', ']', '"', ':', ',', 'version', '1', 'uses', ' ', '\n', '\r\n', '\\', 'null', '\uFEFF', '\uD800'),
          { maxLength: 200 },
        )
        .map((parts) => parts.join('')),
      fc.string({ unit: 'binary', maxLength: 200 }),
    );
    fc.assert(
      fc.property(noise, (input) => void parseNeverThrows(input)),
      runs(2000),
    );
  });

  it('reports duplicate ids, huge strings, deep nesting and prototype keys at their place', () => {
    const hostile = fc.oneof(
      sidecar.map((d) => JSON.stringify(d).replace('"version"', '"__proto__":{"polluted":true},"version"')),
      sidecar.map((d) => JSON.stringify(d).replace('"version"', '"\\u005f_pr\\u006fto__":{"polluted":true},"version"')),
      sidecar.filter((d) => d.uses.length > 0).map((d) => JSON.stringify({ ...d, uses: [...d.uses, d.uses[0]] })),
      fc.integer({ min: 100_000, max: 400_000 }).map((n) => JSON.stringify({ version: 1, uses: [{ id: 'huge', purpose: 'x'.repeat(n) }] })),
      fc.integer({ min: 150, max: 100_000 }).map((n) => `{"version":1,"uses":${'['.repeat(n)}${']'.repeat(n)}}`),
      fc.integer({ min: 150, max: 20_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
    );
    fc.assert(
      fc.property(hostile, (input) => {
        const result = parseNeverThrows(input);
        assert.equal(result.ok, false);
      }),
      runs(1000),
    );
  });

  it('never throws on configuration files either', () => {
    const configish = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
      fc.string({ maxLength: 200 }),
    );
    fc.assert(
      fc.property(configish, (input) => {
        tried.sidecars++;
        const result = parseValidatedJson(input, ProjectConfig);
        placedInside(result.ok ? ({ ok: true } as never) : result, input);
      }),
      runs(1000),
    );
  });
});

// ---- scripts ------------------------------------------------------------------------------------

describe('fuzzing: scripts under random edits', function () {
  this.timeout(120_000);
  const script = generateScreenplay(6, 3).text;

  const edit = fc.record({
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    deleted: fc.nat({ max: 400 }),
    inserted: fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom('\r\n', '\n', '\r', '\r\n\r\n', 'INT. NEW PLACE - DAY\n\n', '[[note', '/*', '*/', '#1A#', '.FORCED'),
    ),
  });

  it('keeps anchors and tracked ranges inside the text, and never throws', () => {
    fc.assert(
      fc.property(
        fc.array(edit, { minLength: 1, maxLength: 8 }),
        fc.double({ min: 0, max: 0.95, noNaN: true }),
        fc.boolean(),
        (edits, where, crlf) => {
          tried.scripts++;
          let current = crlf ? script.replace(/\n/g, '\r\n') : script;
          const start = Math.floor(current.length * where);
          const end = Math.min(current.length, start + 1 + ((edits.length * 37) % 300));
          const anchor = createAnchor(current, { start, end }, 'fountain');
          let tracked = { start, end };
          for (const e of edits) {
            const offset = Math.floor(current.length * e.at);
            const deleted = Math.min(e.deleted, current.length - offset);
            const change: TextChange = { offset, deleted, inserted: e.inserted };
            current = current.slice(0, offset) + e.inserted + current.slice(offset + deleted);
            tracked = mapRangeThrough(tracked, [change]);
            assert.ok(
              tracked.start >= 0 && tracked.start <= tracked.end && tracked.end <= current.length,
              `tracked ${JSON.stringify(tracked)} outside ${current.length}`,
            );
          }
          const found = locateAnchor(prepareScript(current), anchor);
          if (found)
            assert.ok(
              found.start >= 0 && found.start < found.end && found.end <= current.length && found.similarity > 0 && found.similarity <= 1,
            );
          const structure = readFountain(current);
          for (const scene of structure.scenes) assert.ok(scene.start >= 0 && scene.start <= current.length);
          for (const section of findSections(current, 'fountain')) assert.ok(section.start <= section.end && section.end <= current.length);
        },
      ),
      runs(1500),
    );
  });
});

// ---- hostile text and file-system shapes, end to end through the CLI ---------------------------------

/** Text that tries to act on a terminal: line breaks, ESC sequences, bells, C1 controls, bidi overrides. */
const hostileText = fc
  .array(
    fc.constantFrom(
      'a',
      'Z',
      ' ',
      '|',
      '\n',
      '\r',
      '\t',
      '\u001b[2J',
      '\u001b]8;;x\u0007',
      '\u0007',
      '\u007f',
      '\u009b',
      '\u202e',
      '\u2066',
      '\u0000',
    ),
    {
      minLength: 1,
      maxLength: 12,
    },
  )
  .map((parts) => `x${parts.join('')}`);
/** Anything that acts on a terminal, as the output must never hold (line breaks aside, which end lines). */
// eslint-disable-next-line no-control-regex -- what the property looks for
const ACTING = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const FINDING_LINE = /^\S.*:\d+:\d+ {2}(error|warning|information|hint) {2}[a-z-]+ {2}\S/;

function withHostileFields(value: unknown, hostile: () => string, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => withHostileFields(item, hostile, key));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withHostileFields(v, hostile, k)]));
  // Free text a person types; ids, answers and dates are validated and would only make the sidecar invalid.
  return typeof value === 'string' && FREE_TEXT.has(key) ? hostile() : value;
}
const FREE_TEXT = new Set([
  'name',
  'version',
  'vendor',
  'purpose',
  'description',
  'prompt',
  'performers',
  'audienceDisclosure',
  'by',
  'reason',
]);

describe('fuzzing: hostile text and file-system shapes through the CLI', function () {
  this.timeout(120_000);

  it('prints one line per finding and nothing that acts on a terminal, whatever every recorded field and file name holds', async () => {
    await fc.assert(
      fc.asyncProperty(sidecar, fc.array(hostileText, { minLength: 20, maxLength: 20 }), hostileText, async (generated, texts, name) => {
        tried.sidecars++;
        let next = 0;
        const hostile = () => texts[next++ % texts.length];
        const fileName = `${name.replace(/[/]/g, '_').split(String.fromCharCode(0)).join('_')}.png`;
        const fs = new MemoryFileSystem({
          [`/prod/${fileName}`]: 'png',
          [`/prod/${fileName}.ai.json`]: JSON.stringify(withHostileFields(generated, hostile)),
        });
        for (const argv of [
          ['check', '.'],
          ['tag', fileName, '--tool', hostile(), '--purpose', hostile()],
          ['check', '.'],
        ]) {
          const { code, out, err } = await runCliIn('/prod', argv, fs);
          assert.ok(code === 0 || code === 1, `${argv[0]} exited ${code}: ${err}`);
          for (const line of out.split('\n').filter(Boolean)) {
            if (argv[0] === 'check') assert.match(line, FINDING_LINE);
            assert.ok(!ACTING.test(line), JSON.stringify(line));
          }
          for (const line of err.split('\n').filter(Boolean)) assert.ok(!ACTING.test(line), JSON.stringify(line));
        }
        const { out: report } = await runCliIn('/prod', ['report', '.', '--format', 'md'], fs);
        for (const line of report.split('\n')) assert.ok(!ACTING.test(line), JSON.stringify(line));
      }),
      runs(150),
    );
  });

  /** What one entry of a generated production is; each but the regular ones must show as one unreadable-file finding. */
  const SHAPES = [
    'regular',
    'fifo-sidecar',
    'folder-sidecar',
    'linked-sidecar',
    'link-loop',
    'denied-folder',
    'denied-sidecar',
    'fifo-script',
    'fifo-config-below',
  ] as const;
  const UNREADABLE: readonly string[] = [
    'fifo-sidecar',
    'folder-sidecar',
    'denied-folder',
    'denied-sidecar',
    'fifo-script',
    'fifo-config-below',
  ];

  it('checks every production of FIFOs, folders, links and unreadable paths to the end, each bad path one finding', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...SHAPES), { minLength: 1, maxLength: 6 }), async (shapes) => {
        const { dir, cleanup } = temporaryFolder();
        const outside = temporaryFolder();
        try {
          writeFileSync(`${dir}/fine.png`, 'png');
          writeFileSync(`${dir}/fine.png.ai.json`, JSON.stringify({ version: 1, subject: { file: 'fine.png' }, uses: [finalUse('fine')] }));
          writeFileSync(`${outside.dir}/elsewhere.json`, JSON.stringify({ version: 1, uses: [finalUse('outside')] }));
          const denied: string[] = [];
          shapes.forEach((shape, i) => {
            const folder = `${dir}/s${i}`;
            mkdirSync(folder);
            if (shape === 'regular') {
              writeFileSync(`${folder}/a.png`, 'png');
              writeFileSync(`${folder}/a.png.ai.json`, JSON.stringify({ version: 1, uses: [] }));
            } else if (shape === 'fifo-sidecar') execFileSync('mkfifo', [`${folder}/a.png.ai.json`]);
            else if (shape === 'folder-sidecar') mkdirSync(`${folder}/a.png.ai.json`);
            else if (shape === 'linked-sidecar') symlinkSync(`${outside.dir}/elsewhere.json`, `${folder}/a.png.ai.json`);
            else if (shape === 'link-loop') symlinkSync(`${folder}/loop`, `${folder}/loop`);
            else if (shape === 'denied-folder') {
              writeFileSync(`${folder}/a.png.ai.json`, JSON.stringify({ version: 1, uses: [finalUse(`hidden-${i}`)] }));
              denied.push(folder);
            } else if (shape === 'denied-sidecar') {
              writeFileSync(`${folder}/a.png.ai.json`, JSON.stringify({ version: 1, uses: [finalUse(`hidden-${i}`)] }));
              denied.push(`${folder}/a.png.ai.json`);
            } else if (shape === 'fifo-script') {
              execFileSync('mkfifo', [`${folder}/a.fountain`]);
              writeFileSync(`${folder}/a.fountain.ai.json`, JSON.stringify({ version: 1, subject: { file: 'a.fountain' }, uses: [] }));
            } else execFileSync('mkfifo', [`${folder}/.aidisclosure.json`]);
          });
          const { code, out, err } = await runCliIn(dir, ['check', '.'], denyingFileSystem(denied));
          assert.equal(code, 1, err);
          const lines = out.split('\n').filter(Boolean);
          assert.ok(
            lines.some((line) => line.startsWith('fine.png.ai.json:') && line.includes('final-deliverable')),
            'the rest is checked',
          );
          const unreadable = lines.filter((line) => line.includes('  unreadable-file  '));
          assert.equal(
            unreadable.length,
            shapes.filter((shape) => UNREADABLE.includes(shape)).length,
            [shapes.join(','), ...unreadable].join('\n'),
          );
          assert.ok(!lines.some((line) => line.includes('outside')), 'a linked sidecar is not followed');
        } finally {
          cleanup();
          outside.cleanup();
        }
      }),
      runs(40),
    );
  });
});

function finalUse(id: string) {
  return { ...useWithId(id), final: 'yes' };
}
