/**
 * POSIX paths for the core without Node: path-browserify is Node's own POSIX `path`, packaged to
 * run anywhere, a web worker included (the host VS Code for the Web gives extensions). Every path
 * the core handles is POSIX (`toPosixPath` turns Windows paths into them); a unit test holds these
 * functions to `node:path`'s.
 */
import posix from 'path-browserify';

export const posixPath = posix;
