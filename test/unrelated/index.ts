/** Entry the extension host calls for the suite in a workspace that is not a production. */
import { runTestsIn } from '../support/mochaInEditor';

export const run = (): Promise<void> => runTestsIn(__dirname);
