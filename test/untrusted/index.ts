/** Entry the extension host calls for the restricted-mode suite (an untrusted workspace). */
import { runTestsIn } from '../support/mochaInEditor';

export const run = (): Promise<void> => runTestsIn(__dirname);
