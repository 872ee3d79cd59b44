/** Entry the extension host calls (extensionTestsPath): runs every *.test.js beside this file. */
import { runTestsIn } from '../support/mochaInEditor';

export const run = (): Promise<void> => runTestsIn(__dirname);
