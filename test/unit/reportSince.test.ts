import * as assert from 'node:assert/strict';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { updateUse } from '../../src/core/sidecar/store';
import { tagFile } from '../../src/core/tagging';
import { runCliIn } from '../support/cli';
import { REPO_ROOT, temporaryFolder } from '../support/fixtures';

interface Changes {
  since: { generatedAt: string; fingerprint: string | null };
  added: { id: string; status: string }[];
  removed: { id: string; status: string }[];
  changed: { id: string; fields: string[]; statusBefore: string; status: string }[];
}

describe('report --since: what changed since the last report', () => {
  let dir: string;
  let cleanup: () => void;

  beforeEach(async () => {
    ({ dir, cleanup } = temporaryFolder());
    cpSync(path.join(REPO_ROOT, 'examples', 'salt-line'), dir, { recursive: true });
    assert.equal((await runCliIn(dir, ['report', '--format', 'json', '--output', 'sent.json'])).code, 1);
    // Since then: the voice-over became temporary, the key art was dropped, a new still was tagged.
    await updateUse(nodeFileSystem, `${dir}/script/salt-line.fountain.ai.json`, 'lifeboat-voice-over', (use) => {
      use.final = 'no';
    });
    rmSync(path.join(dir, 'art', 'key-art.png.ai.json'));
    writeFileSync(path.join(dir, 'art', 'poster.png'), 'pixels');
    await tagFile(nodeFileSystem, `${dir}/art/poster.png`, {
      tool: { name: 'Imagen Studio', environment: 'enterprise', retainsInputs: 'no', trainsOnInputs: 'no' },
      purpose: 'Poster background',
      title: 'Poster background',
      final: 'no',
      keyCreative: 'no',
    });
  });
  afterEach(() => cleanup());

  const report = async (format: string, since = 'sent.json') => (await runCliIn(dir, ['report', '--format', format, '--since', since])).out;

  it('lists uses added, removed and changed (which fields, old and new status) in the JSON report', async () => {
    const sent = JSON.parse(readFileSync(path.join(dir, 'sent.json'), 'utf8')) as { fingerprint: string };
    const { changes } = JSON.parse(await report('json')) as { changes: Changes };
    assert.deepEqual(changes.since, { generatedAt: '2026-11-25T12:00:00.000Z', fingerprint: sent.fingerprint });
    assert.deepEqual(
      changes.added.map((u) => u.id),
      [(JSON.parse(readFileSync(path.join(dir, 'art', 'poster.png.ai.json'), 'utf8')) as { uses: { id: string }[] }).uses[0].id],
    );
    assert.deepEqual(changes.removed, [
      { id: 'key-art-concept', title: 'Key art concept', sidecar: 'art/key-art.png.ai.json', status: 'pending' },
    ]);
    assert.deepEqual(changes.changed, [
      {
        id: 'lifeboat-voice-over',
        title: 'Lifeboat voice-over',
        sidecar: 'script/salt-line.fountain.ai.json',
        status: 'needs-approval',
        fields: ['final', 'openRules'],
        statusBefore: 'needs-approval',
      },
    ]);
  });

  it('says so in Markdown and HTML, in words, and adds a column and removed rows to CSV', async () => {
    const markdown = await report('md');
    assert.match(markdown, /## Changes since the report of 2026-11-25 \(version [0-9a-f]{8}\)/);
    assert.match(
      markdown,
      /\| Changed \| Lifeboat voice-over \(lifeboat-voice-over\) \| Needs written approval \| final or temporary, findings \|/,
    );
    assert.match(markdown, /\| Removed \| Key art concept \(key-art-concept\) \| was Approval pending \| {2}\|/);
    assert.match(markdown, /\| Added \| Poster background \(/);
    const html = await report('html');
    assert.match(html, /<h2>Changes since the report of 2026-11-25 \(version [0-9a-f]{8}\)<\/h2>/);
    assert.match(html, /<td>Removed<\/td><td>Key art concept \(key-art-concept\)<\/td>/);
    const csv = (await report('csv')).split('\r\n');
    assert.match(csv[0], /,sidecar,change_since_last_report$/);
    assert.ok(csv.some((row) => row.startsWith('lifeboat-voice-over,') && row.endsWith(',changed: final openRules')));
    assert.ok(
      csv.some((row) => row.startsWith('key-art-concept,Key art concept,pending,') && row.endsWith(',art/key-art.png.ai.json,removed')),
    );
    assert.equal(csv.filter((row) => row.endsWith(',added')).length, 1);
  });

  it('marks each SARIF result new, unchanged or updated, and carries the changes', async () => {
    const sarif = JSON.parse(await report('sarif')) as {
      runs: {
        results: { ruleId: string; baselineState: string; properties?: { useId: string } }[];
        properties: { changesSinceLastReport: Changes };
      }[];
    };
    const [run] = sarif.runs;
    const states = new Set(run.results.map((r) => r.baselineState));
    assert.deepEqual([...states].sort(), ['new', 'unchanged']);
    assert.ok(run.results.filter((r) => r.baselineState === 'new').every((r) => r.ruleId === 'notify-contact'));
    assert.equal(run.properties.changesSinceLastReport.removed[0].id, 'key-art-concept');
  });

  it('is byte-identical run to run, and says nothing changed against itself', async () => {
    for (const format of ['md', 'html', 'csv', 'json', 'sarif']) assert.equal(await report(format), await report(format), format);
    await runCliIn(dir, ['report', '--format', 'json', '--output', 'now.json']);
    assert.match(await report('md', 'now.json'), /No use was added, removed or changed\./);
  });

  it('reads a report from an older release without counting fields it did not have as changes', async () => {
    await runCliIn(dir, ['report', '--format', 'json', '--output', 'now.json']);
    const older = JSON.parse(readFileSync(path.join(dir, 'now.json'), 'utf8')) as {
      fingerprint?: string;
      uses: { scene: { pageEstimated?: boolean } | null }[];
    };
    delete older.fingerprint;
    for (const use of older.uses) if (use.scene) delete use.scene.pageEstimated;
    writeFileSync(path.join(dir, 'older.json'), JSON.stringify(older));
    const { changes } = JSON.parse(await report('json', 'older.json')) as { changes: Changes };
    assert.deepEqual([changes.added, changes.removed, changes.changed], [[], [], []]);
    assert.equal(changes.since.fingerprint, null);
  });

  it('refuses a missing file or one that is not a JSON report, saying where', async () => {
    const missing = await runCliIn(dir, ['report', '--since', 'nowhere.json']);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /nowhere\.json: no such file/);
    writeFileSync(path.join(dir, 'wrong.json'), '{\n  "generatedAt": "2026-11-25",\n  "uses": [{ "id": 3 }]\n}\n');
    const wrong = await runCliIn(dir, ['report', '--since', 'wrong.json']);
    assert.equal(wrong.code, 2);
    assert.match(wrong.err, /wrong\.json:3:\d+: not a JSON disclosure report/);
  });
});
