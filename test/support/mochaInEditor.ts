import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

/**
 * Runs every *.test.js in `folder` with mocha, inside the extension host that loaded the suite;
 * only the tests whose titles match TEST_GREP when it is set (while working on one).
 */
export async function runTestsIn(folder: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec', grep: process.env.TEST_GREP || undefined });
  for (const file of readdirSync(folder)
    .filter((f) => f.endsWith('.test.js'))
    .sort())
    mocha.addFile(path.join(folder, file));
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} tests failed in ${path.basename(folder)}`)) : resolve()));
  });
}
