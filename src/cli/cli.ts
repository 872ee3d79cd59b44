/**
 * The command-line tool's entry: runs the bundle (cli-main.js) with V8's code cache, kept in the
 * user's cache folder, so a run does not parse and compile the bundle's functions again.
 */
import { join } from 'node:path';
import { loadWithCodeCache } from '../core/fs/userCache';

const main = loadWithCodeCache(join(__dirname, 'cli-main.js'), 'cli');
// Made at exit, so it holds the functions this run compiled, not only the top level.
process.once('exit', () => main.keep());
