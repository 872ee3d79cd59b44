/**
 * Messages between the use form (a webview) and the extension. Types only: the webview's bundle
 * and the extension's share them, and nothing here runs.
 */
import type { FieldValue, FormSection } from '../core/sidecar/form';
import type { Severity } from '../core/policy/severity';
import type { KeyFix } from '../core/json/misspelledKeys';

/** A remedy the form offers beside a finding (the quick fixes that are not a field of the form). */
export interface FormFix {
  title: string;
  /** Names the fix to the extension, which keeps what it runs. */
  key: string;
  /** A codicon's name. */
  icon: string;
  /** Shown as a link (reading about the rule) rather than a button (a change). */
  link?: boolean;
}

export interface FormFinding {
  severity: Severity;
  message: string;
  rule: string;
  fixes: FormFix[];
}

/** A misspelled or misplaced key of a sidecar that does not validate, with what its button says ("Rename …", "Move … into …"). */
export interface KeyRename {
  fix: KeyFix;
  title: string;
}

export interface FormUse {
  id: string;
  name: string;
  /** Where the use is: a scene and lines of a script, or the files it covers. */
  where: string;
  status: string;
  /** Whether the use is shown somewhere else than its sidecar (a passage or files to open). */
  canReveal: boolean;
  findings: FormFinding[];
  values: Record<string, FieldValue>;
  /** Who recorded it and when, shown as text. */
  recorded: string;
}

export interface FormState {
  fileName: string;
  /** What the sidecar is about: a file's name, or "files in this folder". */
  about: string;
  uses: FormUse[];
  /** Findings about the file itself rather than one of its uses (a misspelled top-level key, a missing file). */
  findings: FormFinding[];
  /** Why the sidecar cannot be shown as a form (it does not validate), place by place; a misspelled or misplaced key with its fix. */
  unreadable: { line: number; column: number; message: string; rename?: KeyRename }[];
  /** Changes are refused (an untrusted workspace, a newer format): said once, fields read-only. */
  readOnly?: string;
  sections: readonly FormSection[];
}

export type ToForm =
  | { type: 'show'; state: FormState }
  /** The result of checking or saving a use's changes: problems by field ('' for the use as a whole). */
  | { type: 'checked'; useId: string; problems: Record<string, string>; saved?: Record<string, FieldValue> }
  | { type: 'focus'; useId: string };

export type FromForm =
  | { type: 'ready' }
  | { type: 'check'; useId: string; changes: Record<string, FieldValue> }
  | { type: 'save'; useId: string; changes: Record<string, FieldValue> }
  | { type: 'remove'; useId: string }
  | { type: 'reveal'; useId: string }
  | { type: 'fix'; key: string }
  /** A misspelled key of a sidecar that does not validate, renamed in its document. */
  | { type: 'rename'; fix: KeyFix }
  | { type: 'openJson'; line?: number; column?: number };
