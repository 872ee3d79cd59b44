import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { generatedFiles, REPORT_SCHEMA_PATH } from '../../src/core/artifacts';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { csvField } from '../../src/core/report/csv';
import { DisclosureReport } from '../../src/core/report/schema';
import { produceReport } from '../../src/core/report/produce';
import { renderReportSteps, REPORT_FORMATS, ReportFormat } from '../../src/core/report/render';
import { toPosixPath } from '../../src/core/sidecar/paths';
import { tagFile } from '../../src/core/tagging';
import { Fnv1a, fnv1a } from '../../src/core/text/fingerprint';
import { CHUNK_CHARS } from '../../src/core/text/pieces';
import { runSteps } from '../../src/core/workspace/scan';
import { REPO_ROOT, temporaryFolder } from '../support/fixtures';

const SAMPLE = toPosixPath(path.join(REPO_ROOT, 'examples', 'salt-line'));
const GOLDEN = path.join(REPO_ROOT, 'test', 'fixtures', 'golden');
const OPTIONS = { generatedAt: new Date('2026-11-25T12:00:00Z'), toolVersion: '0.0.0-test' };

/** The report and its text, as the CLI and the editor write it out (the pieces in order). */
async function render(format: ReportFormat, root = SAMPLE, scope?: (file: string) => boolean) {
  const produced = await produceReport(nodeFileSystem, root, format, { ...OPTIONS, scope });
  return { ...produced, text: produced.pieces.join('') };
}

function ajv(): Ajv {
  const validator = new Ajv({ strict: false, allErrors: true });
  addFormats(validator);
  return validator;
}

/** The published SARIF 2.1.0 schema is JSON Schema draft-04. */
function sarifValidator() {
  // The schema's own patterns predate unicode-mode regular expressions.
  const validator = new AjvDraft04({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(validator);
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  return validator.compile(schema);
}

interface SarifLog {
  runs: {
    tool: { driver: { rules: { id: string }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    }[];
  }[];
}

/** Every recorded field a person can type, filled with markup and formulas. */
const HOSTILE =
  '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2">=HYPERLINK("http://x")|`*[link](javascript:alert(1))*`';

describe('disclosure report', () => {
  describe('golden files of the sample production', () => {
    for (const format of REPORT_FORMATS) {
      it(`renders ${format} exactly as recorded in test/fixtures/golden`, async () => {
        const { text } = await render(format);
        const golden = path.join(GOLDEN, `salt-line.${format}`);
        if (process.env.UPDATE_GOLDEN) {
          mkdirSync(GOLDEN, { recursive: true });
          writeFileSync(golden, text);
        }
        assert.ok(existsSync(golden), `${golden} is missing: review the output and run with UPDATE_GOLDEN=1`);
        assert.equal(
          text,
          readFileSync(golden, 'utf8'),
          `${format} differs from its golden file (UPDATE_GOLDEN=1 rewrites it after review)`,
        );
      });
    }
  });

  it('renders a large report as pieces of at most a few hundred rows, never one long string', async function () {
    // Five formats of a 20,000-use report: half a second here, more on a loaded CI machine.
    this.timeout(30_000);
    const { report } = await render('json');
    // The sample's uses and findings, many times over: 20,000 uses and more findings.
    const many = <T>(items: readonly T[]) => Array.from({ length: 2000 }, () => items).flat();
    const large: DisclosureReport = {
      ...report,
      uses: many(report.uses),
      cueSheet: many(report.cueSheet),
      guidelineFindings: report.guidelineFindings.map((g) => ({ ...g, findings: many(g.findings) })),
    };
    for (const format of REPORT_FORMATS) {
      const pieces = runSteps(renderReportSteps(large, format, { toolVersion: 'test' }));
      const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
      const longest = Math.max(...pieces.map((piece) => piece.length));
      // Written out a chunk (CHUNK_CHARS) per turn: no piece may be longer than one.
      assert.ok(total > 4 * CHUNK_CHARS, `${format}: ${total} characters`);
      assert.ok(longest < CHUNK_CHARS, `${format}: a piece of ${longest} of ${total} characters`);
    }
  });

  it('is byte-identical across two exports of an unchanged production', async () => {
    for (const format of REPORT_FORMATS) assert.equal((await render(format)).text, (await render(format)).text, format);
  });

  it('summarises uses by status and kind and names the production from its configuration', async () => {
    const { report } = await render('json');
    assert.equal(report.production.name, 'Salt Line (sample production)');
    assert.equal(report.summary.uses, 10);
    assert.deepEqual(report.summary.byStatus, {
      violation: 2,
      denied: 1,
      'needs-approval': 2,
      pending: 1,
      approved: 1,
      'to-notify': 1,
      notified: 2,
    });
    assert.deepEqual(report.summary.byKind, { script: 5, image: 4, audio: 1, video: 0, other: 0 });
    assert.deepEqual(
      report.integrityFindings.map((g) => g.rule),
      ['orphaned-tag', 'undeclared-ai-asset'],
    );
    const cue = report.cueSheet.find((c) => c.useId === 'harbour-1953-recreation')!;
    assert.equal(cue.timecode, '00:00:41:00-00:00:47:12');
    assert.match(cue.copyrightStatus!, /research licence/);
  });

  it('is named by its uses: FNV-1a of their JSON, whether hashed at once or piece by piece', async () => {
    const { report } = await render('json');
    const utf8 = new TextEncoder();
    assert.equal(report.fingerprint, fnv1a(utf8.encode(JSON.stringify(report.uses))));
    const pieces = new Fnv1a();
    for (const piece of ['[', JSON.stringify(report.uses).slice(1, -1), ']']) pieces.update(utf8.encode(piece));
    assert.equal(pieces.digest(), report.fingerprint);
    assert.notEqual(fnv1a(utf8.encode(JSON.stringify(report.uses.slice(1)))), report.fingerprint, 'another set of uses, another name');
  });

  it('writes JSON that validates against its published schema', async () => {
    const { text } = await render('json');
    const data = JSON.parse(text);
    assert.ok(DisclosureReport.safeParse(data).success);
    const validate = ajv().compile(JSON.parse(generatedFiles()[REPORT_SCHEMA_PATH]));
    assert.ok(validate(data), JSON.stringify(validate.errors));
  });

  it('writes SARIF that validates against the SARIF 2.1.0 schema', async () => {
    const validate = sarifValidator();
    const { text, result } = await render('sarif');
    const sarif = JSON.parse(text) as SarifLog;
    assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
    const results = sarif.runs[0].results;
    assert.equal(results.length, result.findings.length, 'every finding is a result');
    assert.equal(results.length, 15);
    const misleading = results.find((r) => r.ruleId === 'misleading-audience')!;
    assert.equal(misleading.level, 'error');
    assert.equal(misleading.locations[0].physicalLocation.artifactLocation.uri, 'archive/harbour-1953.png.ai.json');
    assert.equal(sarif.runs[0].tool.driver.rules[misleading.ruleIndex].id, 'misleading-audience');
  });

  it('writes one CSV row per use that a spreadsheet reads safely', async () => {
    const { text } = await render('csv');
    assert.ok(text.startsWith('\uFEFFid,title,status,kind,'));
    const rows = text.slice(1).split('\r\n').filter(Boolean);
    assert.equal(rows.length, 1 + 10);
    assert.equal(csvField('=1+1'), "'=1+1");
    assert.equal(csvField('-2'), "'-2");
    assert.equal(csvField('say "hi", then'), '"say ""hi"", then"');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
  });

  it('restricts a report to one script when asked', async () => {
    const script = `${SAMPLE}/script/salt-line.fountain`;
    const { report } = await render('json', SAMPLE, (file) => file === script || file === `${script}.ai.json`);
    assert.deepEqual(report.uses.map((u) => u.id).sort(), ['chandlery-punch-up', 'lifeboat-voice-over', 'storm-flashback']);
    assert.ok(report.guidelineFindings.every((g) => g.findings.every((f) => f.file.startsWith('script/'))));
  });

  describe('hostile recorded text', () => {
    let dir: string;
    let cleanup: () => void;
    before(async () => {
      ({ dir, cleanup } = temporaryFolder());
      writeFileSync(`${dir}/scene.txt`, 'A line.\n');
      writeFileSync(`${dir}/.aidisclosure.json`, JSON.stringify({ production: { name: HOSTILE } }));
      await tagFile(
        nodeFileSystem,
        `${dir}/scene.txt`,
        {
          tool: { name: HOSTILE, environment: 'consumer', retainsInputs: 'unknown', trainsOnInputs: 'unknown' },
          purpose: HOSTILE,
          final: 'yes',
          keyCreative: 'yes',
          prompt: HOSTILE,
          description: HOSTILE,
        },
        { range: { start: 0, end: 7 }, now: OPTIONS.generatedAt },
      );
    });
    after(() => cleanup());

    it('escapes it in HTML, so no markup from a sidecar reaches the page', async () => {
      const { text } = await render('html', dir);
      assert.ok(!text.includes('<script>window'), 'no script element from data');
      assert.ok(!text.includes('<img'), 'no element from data');
      assert.ok(text.includes('&lt;script&gt;window.__pwned=1&lt;/script&gt;'));
      assert.match(text, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
      assert.ok(!/<(script|link|img|iframe)\b/i.test(text), 'a self-contained page: no scripts or fetched resources');
    });

    it('escapes it in Markdown tables', async () => {
      const { text } = await render('md', dir);
      assert.ok(!text.includes('<script'));
      assert.ok(!/(?<!\\)\]\(javascript:/.test(text), 'no live link from data');
      assert.ok(text.includes('\\[link\\](javascript:'), 'the brackets are escaped');
    });
  });

  it('copies of the sample stay reportable from another folder (paths are relative)', async () => {
    const { dir, cleanup } = temporaryFolder();
    try {
      cpSync(SAMPLE, `${dir}/salt-line`, { recursive: true });
      assert.equal((await render('sarif', `${dir}/salt-line`)).text, (await render('sarif')).text);
    } finally {
      cleanup();
    }
  });
});
