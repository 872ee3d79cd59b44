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
import { parseValidatedJson } from '../../src/core/json/validatedJson';
import { ProjectConfig } from '../../src/core/config/config';
import { parseSidecar, SidecarParseResult } from '../../src/core/sidecar/parse';
import {
  ANSWER_VALUES,
  APPROVAL_STATUSES,
  CONSENT_STATUSES,
  ENVIRONMENTS,
  INPUT_KINDS,
  RULE_IDS,
  TALENT_KINDS,
} from '../../src/core/sidecar/schema';
import { serializeSidecar } from '../../src/core/sidecar/serialize';
import { LineIndex } from '../../src/core/text/lineIndex';
import { generateScreenplay } from '../support/screenplay';

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
        const paths: (string | number)[][] = [];
        const walk = (value: unknown, at: (string | number)[]) => {
          paths.push(at);
          if (value && typeof value === 'object')
            for (const [key, child] of Object.entries(value)) walk(child, [...at, Array.isArray(value) ? Number(key) : key]);
        };
        walk(data, []);
        const target = paths[pick % paths.length];
        const copy = JSON.parse(JSON.stringify(data));
        if (target.length === 0) return void parseNeverThrows(JSON.stringify(replacement));
        let parent = copy;
        for (const key of target.slice(0, -1)) parent = parent[key];
        parent[target[target.length - 1]] = replacement;
        parseNeverThrows(JSON.stringify(copy, null, 2));
      }),
      runs(2000),
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
