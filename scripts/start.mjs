// The main job on the bundled sample production: print the findings, write the disclosure report.
// The sample breaks guidelines on purpose, so the CLI's exit code 1 ("error-severity findings")
// is the expected outcome here; anything else is a real failure.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = (...args) => spawnSync(process.execPath, [join(root, 'dist', 'cli.js'), ...args], { cwd: root, stdio: 'inherit' }).status;

console.log('$ ai-disclosure check examples');
const checked = cli('check', 'examples');
console.log('\n$ ai-disclosure report examples --format md --output examples/disclosure-report.md');
const reported = cli('report', 'examples', '--format', 'md', '--output', 'examples/disclosure-report.md');

if ([checked, reported].every((code) => code === 0 || code === 1)) {
  console.log('\nThe sample production breaks some guidelines on purpose, so `check` exits 1 there. Open examples/disclosure-report.md for the report.');
} else {
  process.exitCode = 2;
}
