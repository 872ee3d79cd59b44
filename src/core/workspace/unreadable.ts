import { Finding } from '../findings';
import { ruleById } from '../policy/rules';
import { UnreadablePath } from './scan';

const START = { line: 1, column: 1 };

/**
 * A finding at a path that could not be read: what it was, why, and what was not checked because
 * of it. One such path never stops the check of the rest.
 */
export function unreadableFinding(file: string, message: string, sidecar?: string, start = START, end = start): Finding {
  return {
    file,
    start,
    end,
    rule: 'unreadable-file',
    severity: ruleById('unreadable-file').defaultSeverity,
    message,
    ...(sidecar ? { sidecar } : {}),
    related: [],
  };
}

/** A folder the walk could not list, or something named like a record that is not a file. */
export function unreadablePathFinding({ path, reason }: UnreadablePath): Finding {
  const name = path.slice(path.lastIndexOf('/') + 1) || path;
  return unreadableFinding(path, `"${name}" could not be read: ${reason}; nothing in it is checked or reported`);
}
