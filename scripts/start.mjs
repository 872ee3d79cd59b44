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
console.log('\n$ ai-disclosure report examples/salt-line --format md --output examples/disclosure-report.md');
const reported = cli('report', 'examples/salt-line', '--format', 'md', '--output', 'examples/disclosure-report.md');
console.log('$ ai-disclosure report examples/salt-line --format html --output examples/disclosure-report.html');
const printable = cli('report', 'examples/salt-line', '--format', 'html', '--output', 'examples/disclosure-report.html');

if ([checked, reported, printable].every((code) => code === 0 || code === 1)) {
  console.log('\nThe sample production breaks some guidelines on purpose, so `check` exits 1 there.');
  console.log('Open examples/disclosure-report.html (printable) or examples/disclosure-report.md for the report.');
} else {
  process.exitCode = 2;
}
