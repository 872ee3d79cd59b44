import * as assert from 'node:assert/strict';
import { parseSidecar } from '../../src/core/sidecar/parse';
import { Sidecar } from '../../src/core/sidecar/schema';
import { serializeSidecar } from '../../src/core/sidecar/serialize';
import { compliantUse, sidecarWith } from '../support/fixtures';

const valid = () => serializeSidecar(sidecarWith(compliantUse()));

function problemsOf(text: string) {
  const result = parseSidecar(text);
  assert.equal(result.ok, false, 'expected the sidecar to be rejected');
  return result.problems;
}

describe('sidecar parsing', () => {
  it('accepts a valid sidecar and keeps what it recorded', () => {
    const result = parseSidecar(valid());
    assert.ok(result.ok);
    assert.equal(result.sidecar.uses[0].tool.name, 'ScriptMate');
  });

  it('finds the same places after forgetting what it located', () => {
    const text = valid();
    const result = parseSidecar(text);
    assert.ok(result.ok);
    const paths = [['uses', 0, 'tool', 'name'], ['uses', 0, 'purpose'], ['uses', 0, 'nothing-here'], ['version']];
    const before = paths.map((p) => result.locate(p));
    result.forgetPlaces();
    assert.deepEqual(
      paths.map((p) => result.locate(p)),
      before,
    );
    const line = text.split('\n').findIndex((l) => l.includes('"purpose"')) + 1;
    assert.equal(before[1].start.line, line);
  });

  it('reports a missing comma where it goes, after the item before it', () => {
    const text = '{\n  "version": 1,\n  "subject": {\n    "file": "scene.fountain"\n    "sha256": "x"\n  },\n  "uses": []\n}\n';
    const problems = problemsOf(text);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /JSON syntax: a "," is missing here, between two items/);
    assert.deepEqual(problems[0].start, { line: 4, column: 29 });
  });

  describe('names the usual slips of hand-edited JSON once, where they are fixed', () => {
    // Each slip made once in a valid sidecar: [what is written, what it becomes, the message, the text at the place].
    const slips: [string, string, RegExp, string][] = [
      ['"final": "no",', '"final": "no",,', /two commas in a row/, ','],
      [
        '"created": "2026-11-20T10:00:00Z"',
        '"created": "2026-11-20T10:00:00Z",',
        /a comma after the last item, before "}": JSON allows none there/,
        ',',
      ],
      ['"purpose": "temp dialogue"', "'purpose': 'temp dialogue'", /single quotes: JSON writes names and text between double quotes/, "'"],
      ['"final": "no"', '"final": no', /"no" needs double quotes around it/, 'no'],
      ['"purpose": "temp dialogue"', '"purpose": "temp dialogue', /a text value is not closed/, '"'],
      ['"final": "no"', '"final" "no"', /expected ":" between a name and its value/, '"'],
      ['"id": "use-1",', '"id": "use-1", // the first', /comments are not allowed/, '/'],
    ];
    for (const [written, slip, message, place] of slips) {
      it(`${slip}`, () => {
        const text = valid().replace(written, slip);
        assert.notEqual(text, valid());
        const problems = problemsOf(text);
        assert.equal(problems.length, 1, problems.map((p) => p.message).join('; '));
        assert.match(problems[0].message, message);
        const { line, column } = problems[0].start;
        assert.equal(text.split('\n')[line - 1].slice(column - 1, column - 1 + place.length), place);
      });
    }

    it('a bracket missing, or one too many: said with where the one still open was opened', () => {
      const lines = valid().split('\n');
      const useEnd = lines.lastIndexOf('    }');
      const missing = problemsOf([...lines.slice(0, useEnd), ...lines.slice(useEnd + 1)].join('\n'));
      assert.equal(missing.length, 1);
      const useStart = lines.indexOf('    {') + 1;
      assert.match(
        missing[0].message,
        new RegExp(`"]" here, but the object opened with "\\{" at line ${useStart}, column 5 is still open: a "}" is missing before it`),
      );
      const extra = problemsOf([...lines.slice(0, useEnd), '    }}', ...lines.slice(useEnd + 1)].join('\n'));
      assert.match(
        extra[0].message,
        /"}" here, but the list opened with "\[" at line \d+, column \d+ is still open: .*or this "}" is one too many/,
      );
      const unfinished = problemsOf(valid().trimEnd().slice(0, -1));
      assert.match(
        unfinished[0].message,
        /the file ends before the object opened with "\{" at line 1, column 1 is closed: a "}" is missing/,
      );
    });
  });

  it('reports a wrong field type at the value, with the field path', () => {
    const text = valid().replace('"final": "no"', '"final": 42');
    const line = text.split('\n').findIndex((l) => l.includes('"final": 42')) + 1;
    const problems = problemsOf(text);
    assert.equal(problems.length, 1);
    assert.match(problems[0].message, /^uses\[0\]\.final: must be one of "yes", "no", "unknown"/);
    assert.deepEqual(problems[0].start, { line, column: text.split('\n')[line - 1].indexOf('42') + 1 });
    assert.deepEqual(problems[0].path, ['uses', 0, 'final']);
  });

  it('names the key written a slip away from a missing required field, at that key, and says a missing choice is missing', () => {
    const text = valid().replace('"final": "no"', '"Fianl": "no"');
    const [problem] = problemsOf(text);
    assert.equal(
      problem.message,
      'uses[0].final: required field is missing (expected one of "yes", "no", "unknown"); the "Fianl" written here looks like it, misspelled',
    );
    const line = text.split('\n').findIndex((l) => l.includes('"Fianl"'));
    assert.deepEqual(
      [problem.start, problem.end],
      [
        { line: line + 1, column: text.split('\n')[line].indexOf('"Fianl"') + 1 },
        { line: line + 1, column: text.split('\n')[line].indexOf('"Fianl"') + 1 + '"Fianl"'.length },
      ],
    );
    assert.deepEqual([problem.path, problem.meant], [['uses', 0, 'Fianl'], 'final']);
    const unrelated = problemsOf(valid().replace('"final": "no"', '"notes": "no"'));
    assert.equal(unrelated[0].message, 'uses[0].final: required field is missing (expected one of "yes", "no", "unknown")');
  });

  it('says in plain words what kind of value a field takes and what was written instead', () => {
    const messages = (replace: [string, string][]) =>
      problemsOf(replace.reduce((text, [from, to]) => text.replace(from, to), valid())).map((problem) => problem.message);
    assert.deepEqual(
      messages([
        ['"purpose": "temp dialogue"', '"purpose": 5'],
        ['"inputs": []', '"inputs": "script"'],
        ['"suppressions": []', '"suppressions": {}'],
      ]),
      [
        'uses[0].purpose: must be text in quotes, not a number',
        'uses[0].inputs: must be a list in [ ], not text',
        'uses[0].suppressions: must be a list in [ ], not a group of fields',
      ],
    );
    assert.deepEqual(messages([['"created": "2026-11-20T10:00:00Z"', '"created": "20/11/2026"']]), [
      'uses[0].created: expected a date written year-month-day, such as 2026-03-01',
    ]);
  });

  it('names the choice a value is a slip from, and how to write yes or no', () => {
    const [slip] = problemsOf(valid().replace('"environment": "enterprise"', '"environment": "Enterprize"'));
    assert.equal(
      slip.message,
      'uses[0].tool.environment: must be one of "enterprise", "consumer", "local", "unknown"; "Enterprize" looks like "enterprise"',
    );
    const [bool] = problemsOf(valid().replace('"final": "no"', '"final": false'));
    assert.equal(bool.message, 'uses[0].final: must be one of "yes", "no", "unknown"; write "no", in quotes, rather than false');
    const [quoted] = problemsOf(valid().replace('"version": 1', '"version": "1"'));
    assert.equal(quoted.message, 'version: must be 1; write 1, without quotes');
    const [far] = problemsOf(valid().replace('"environment": "enterprise"', '"environment": "cloud"'));
    assert.equal(far.message, 'uses[0].tool.environment: must be one of "enterprise", "consumer", "local", "unknown"');
  });

  it('says a required field written beside the object it belongs in, at that key, with where it goes', () => {
    const text = valid()
      .replace('"environment": "enterprise",', '')
      .replace('"purpose":', '"environment": "enterprise",\n      "purpose":');
    const [problem] = problemsOf(text);
    assert.equal(
      problem.message,
      'uses[0].tool.environment: required field is missing (expected one of "enterprise", "consumer", "local", "unknown"); the "environment" written beside "tool" belongs inside it',
    );
    const line = text.split('\n').findIndex((l) => l.includes('"environment"'));
    assert.deepEqual(problem.start, { line: line + 1, column: text.split('\n')[line].indexOf('"environment"') + 1 });
    assert.deepEqual([problem.path, problem.meant, problem.into], [['uses', 0, 'environment'], 'environment', 'tool']);
  });

  it('reports a missing required field at the object that lacks it', () => {
    const text = valid().replace(/\s*"purpose": "temp dialogue",/, '');
    const [problem] = problemsOf(text);
    assert.match(problem.message, /uses\[0\]\.purpose: required field is missing/);
    const useLine = text.split('\n').findIndex((l) => l.trim() === '{');
    assert.ok(problem.start.line > useLine, 'points inside the uses array, not at the top of the file');
  });

  it('counts positions the way editors do in CRLF files', () => {
    const text = valid().replace('"final": "no"', '"final": true').replace(/\n/g, '\r\n');
    const line = text.split('\r\n').findIndex((l) => l.includes('"final": true')) + 1;
    const [problem] = problemsOf(text);
    assert.equal(problem.start.line, line);
  });

  it('ignores a UTF-8 byte order mark but still points at the right column', () => {
    const text = '\uFEFF{"version": 1, "uses": [}';
    const [problem] = problemsOf(text);
    assert.equal(problem.start.line, 1);
    assert.equal(problem.start.column, '\uFEFF{"version": 1, "uses": ['.length + 1);
  });

  it('rejects duplicate keys, whose earlier value JSON readers drop silently', () => {
    const text = '{\n  "version": 1,\n  "version": 1,\n  "uses": []\n}\n';
    const [problem] = problemsOf(text);
    assert.match(problem.message, /Duplicate key "version"/);
    assert.deepEqual(problem.start, { line: 3, column: 3 });
  });

  it('finds a key given twice deep inside a use, past colons, quotes and escapes inside strings', () => {
    // Colons and escaped quotes in the texts must not be taken for keys.
    const tricky = valid().replace('"purpose": "temp dialogue"', '"purpose": "temp: \\"dialogue\\" {x: [1]}", "purpose": "kept"');
    const line = tricky.split('\n').findIndex((l) => l.includes('"purpose": "kept"')) + 1;
    const [problem] = problemsOf(tricky);
    assert.match(problem.message, /Duplicate key "purpose"/);
    assert.equal(problem.start.line, line);
    // The same texts with each key once are valid.
    assert.ok(parseSidecar(valid().replace('"purpose": "temp dialogue"', '"purpose": "temp: \\"dialogue\\" {x: [1]}"')).ok);
  });

  it('rejects two uses with the same id', () => {
    const text = serializeSidecar(sidecarWith(compliantUse(), compliantUse()));
    const [problem] = problemsOf(text);
    assert.match(problem.message, /uses\[1\]\.id: "use-1" is already used by uses\[0\]/);
  });

  it('reads a newer format version as far as this release understands it', () => {
    const text = JSON.stringify(
      { version: 2, uses: [{ ...compliantUse({ id: 'from-v2' }), watermark: { kind: 'synthid' } }], signedBy: 'studio' },
      null,
      2,
    );
    const result = parseSidecar(text);
    assert.ok(result.ok);
    assert.equal(result.newerFormat, 2);
    assert.equal(result.sidecar.uses[0].id, 'from-v2');
    assert.deepEqual((result.sidecar.uses[0] as Record<string, unknown>).watermark, { kind: 'synthid' }, 'unknown fields are kept');
  });

  it('says a newer format version may be why a sidecar does not fit, at the place it does not fit', () => {
    const use = JSON.stringify({ ...compliantUse(), id: 7 });
    const problem = problemsOf(`{\n  "version": 2,\n  "uses": [${use}]\n}\n`).find((p) => p.message.startsWith('uses[0].id'))!;
    assert.match(problem.message, /format version 2; this release reads version 1: update AI Disclosure/);
    assert.deepEqual(problem.start, { line: 3, column: 12 + use.indexOf(':7') + 1 });
  });

  it('refuses folder globs that reach outside the folder, at the glob', () => {
    const text = JSON.stringify(
      { version: 1, uses: [{ ...compliantUse({ id: 'frames' }), files: ['sh010/*.exr', '../../secrets/**', '/etc/*', 'C:\\Windows\\*'] }] },
      null,
      2,
    );
    const problems = problemsOf(text);
    assert.deepEqual(
      problems.map((p) => p.path?.join('.')),
      ['uses.0.files.1', 'uses.0.files.2', 'uses.0.files.3'],
    );
    assert.match(problems[0].message, /a glob inside this folder: no "\.\." and no leading "\/"/);
  });

  it('reports an empty file', () => {
    const [problem] = problemsOf('');
    assert.match(problem.message, /JSON syntax/);
  });

  it("keeps fields it does not know, so a newer release's data survives a rewrite", () => {
    const withExtra = JSON.parse(valid());
    withExtra.futureField = { kept: true };
    withExtra.uses[0].reviewer = 'someone';
    const result = parseSidecar(JSON.stringify(withExtra));
    assert.ok(result.ok);
    const again = JSON.parse(serializeSidecar(result.sidecar));
    assert.deepEqual(again.futureField, { kept: true });
    assert.equal(again.uses[0].reviewer, 'someone');
  });

  it("reads a sidecar as zod's own interpreter does: fields, defaults and unknown fields", () => {
    const text = JSON.stringify({
      version: 1,
      later: 'kept before uses',
      uses: [
        {
          ...compliantUse({ id: 'a' }),
          inputs: undefined,
          suppressions: undefined,
          talent: { kind: 'voice-clone', unionCovered: 'yes', consent: { status: 'granted', note: 'unknown here' } },
          references: { publicFigures: ['A. Person'] },
          realism: { depictsReal: 'yes', presentedAsReal: 'unknown' },
          approval: { status: 'approved', by: 'Studio', date: '2026-11-01' },
          zeta: 1,
        },
        { ...compliantUse({ id: 'b', files: ['*.png'] }), anchor: undefined, alpha: [1, { nested: true }] },
      ],
      subject: { file: 'scene.fountain', extra: null },
    });
    const result = parseSidecar(text);
    assert.ok(result.ok);
    const interpreted = Sidecar.safeParse(JSON.parse(text));
    assert.ok(interpreted.success);
    assert.deepEqual(result.sidecar, interpreted.data);
    assert.deepEqual(result.sidecar.uses[0].inputs, [], 'a default filled in');
    assert.deepEqual(result.sidecar.uses[0].talent?.performers, []);
  });

  it('locates any field of a valid sidecar for findings', () => {
    const text = valid();
    const result = parseSidecar(text);
    assert.ok(result.ok);
    const at = result.locate(['uses', 0, 'tool', 'environment']);
    const line = text.split('\n').findIndex((l) => l.includes('"environment"')) + 1;
    assert.equal(at.start.line, line);
  });
});
