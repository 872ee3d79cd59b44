/**
 * The command-line tool's entry: runs the bundle (cli-main.js) with V8's code cache, kept in the
 * user's cache folder, so a run does not parse and compile the bundle's functions again.
 */
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { loadWithCodeCache } from '../core/fs/userCache';

// A run lasts seconds: optimizing without inlining halves the optimizing compiler's work, which on
// a machine of few cores competes with the check itself, and costs the optimized code little
// (docs/performance.md). Set before the bundle runs, so its code cache is made and read with it.
setFlagsFromString('--no-turbo-inlining');

const main = loadWithCodeCache(join(__dirname, 'cli-main.js'), 'cli');
// Made at exit, so it holds the functions this run compiled, not only the top level.
process.once('exit', () => main.keep());
