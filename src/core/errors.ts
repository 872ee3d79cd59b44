/** An error as one line for a log: its message and the chain of causes. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as Error & { cause?: unknown }).cause;
  return cause ? `${error.message} (caused by ${describeError(cause)})` : error.message;
}

/** What a FIFO, device or socket is called wherever one stands where a file is read. */
export const NOT_REGULAR_FILE = 'not a regular file (a FIFO, device or socket)';

/**
 * An expected failure, told as one line that names the file and what to do, with nothing changed:
 * a program shows its message as it is, and keeps "internal error" for its own bugs.
 */
export class Refusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

const SYSTEM_REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the file system is read-only',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  ENAMETOOLONG: 'the path is longer than the operating system allows',
  ELOOP: 'its symbolic links go round in a loop',
  ENOTDIR: 'part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  ENOENT: 'it does not exist',
  EMFILE: 'too many files are open',
  EIO: 'the device reported an input/output error',
};

const ACTIONS: Record<string, string> = {
  open: 'open',
  read: 'read',
  scandir: 'list',
  opendir: 'list',
  stat: 'look at',
  lstat: 'look at',
  write: 'write',
  rename: 'write',
  unlink: 'remove',
  rm: 'remove',
  mkdir: 'create',
  copyfile: 'write',
};

/**
 * An operating system's error on a file (permission, read-only disk, a path too long, a loop of
 * links) as a Refusal naming the file; `undefined` for anything else. A temporary file is named by
 * the file it was to become.
 */
export function systemRefusal(error: unknown): Refusal | undefined {
  const { code, path, syscall } = (error ?? {}) as { code?: unknown; path?: unknown; syscall?: unknown };
  if (typeof code !== 'string' || typeof path !== 'string' || !Object.hasOwn(SYSTEM_REASONS, code)) return undefined;
  const target = path.replace(/\.[a-z0-9]+\.tmp$/, '');
  const action = (typeof syscall === 'string' && ACTIONS[syscall]) || 'use';
  return new Refusal(`cannot ${action} ${target}: ${SYSTEM_REASONS[code]} (nothing was changed)`);
}

/**
 * Why a file could not be read, in a few words, when that is something about the file (permission,
 * a special file, a path too long); `undefined` for anything else, which is a bug to surface.
 */
export function unreadableReason(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'ENOTREGULAR') return `it is ${NOT_REGULAR_FILE}`;
  if (typeof code === 'string' && Object.hasOwn(SYSTEM_REASONS, code)) return SYSTEM_REASONS[code];
  return undefined;
}
