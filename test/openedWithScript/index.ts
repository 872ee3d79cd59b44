/** Entry the extension host calls for the suite whose window opens with a tagged script (as `code script.fountain`). */
import { runTestsIn } from '../support/mochaInEditor';

export const run = (): Promise<void> => runTestsIn(__dirname);
