// `npm test`: unit tests in Node, then the integration and end-to-end suites in a real VS Code.
// Each suite's own output streams through; the counts are gathered from mocha's summary and
// printed as "suite: N passed, N failed" lines, then a total.
// Usage: node scripts/test.mjs [unit|integration|e2e ...]   (default: all three)
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { requireEditorPrerequisites } from './prerequisites.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mocha = join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const SUITES = {
  unit: [mocha, '--reporter', 'spec', 'out/test/unit/**/*.test.js'],
  integration: [join(root, 'out/test/harness/runIntegration.js')],
  e2e: [mocha, '--reporter', 'spec', '--timeout', '180000', 'out/test/e2e/**/*.test.js'],
};

function runSuite(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, SUITES[name], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const relay = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on('data', relay(process.stdout));
    child.stderr.on('data', relay(process.stderr));
    child.on('close', (code) => {
      // A suite may run mocha more than once (integration: trusted, then untrusted): sum them.
      const count = (word) => [...output.matchAll(new RegExp(`(\\d+) ${word}`, 'g'))].reduce((sum, match) => sum + Number(match[1]), 0);
      const passed = count('passing');
      // A suite that crashed before mocha's summary counts as one failure, never as a pass.
      const failed = count('failing') || (code === 0 ? 0 : 1);
      resolve({ name, passed, failed, code, seconds: (Date.now() - started) / 1000 });
    });
  });
}

const wanted = process.argv.slice(2).length > 0 ? process.argv.slice(2) : Object.keys(SUITES);
for (const name of wanted) {
  if (!SUITES[name]) {
    console.error(`unknown suite "${name}"; choose from ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
}
// Checked before any suite runs, so a missing package stops the run at once rather than after
// the unit tests.
if (wanted.some((name) => name !== 'unit')) requireEditorPrerequisites();
const results = [];
for (const name of wanted) results.push(await runSuite(name));
console.log('');
for (const r of results) console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed (${r.seconds.toFixed(1)} s)`);
const total = results.reduce((sum, r) => ({ passed: sum.passed + r.passed, failed: sum.failed + r.failed }), { passed: 0, failed: 0 });
console.log(`total: ${total.passed} passed, ${total.failed} failed`);
process.exitCode = results.every((r) => r.code === 0) && total.failed === 0 && total.passed > 0 ? 0 : 1;
