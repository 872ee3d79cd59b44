/** Entry the extension host calls for the suite where a command is what first starts the extension. */
import { runTestsIn } from '../support/mochaInEditor';

export const run = (): Promise<void> => runTestsIn(__dirname);
