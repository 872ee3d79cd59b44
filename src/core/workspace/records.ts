import type { TurnBudget } from './scan';
import { TextRange } from '../anchor/anchor';
import { ConfigCascade } from '../config/config';
import { Finding, Location } from '../findings';
import { MediaCache } from '../fs/mediaCache';
import { UseStatus } from '../policy/evaluate';
import { SubjectKind } from '../sidecar/paths';
import { Use } from '../sidecar/schema';
import { SidecarMemo } from '../sidecar/store';
import type { CheckMemory } from './useFindings';

/** One recorded use with everything the views and the report need about it. */
export interface UseRecord {
  use: Use;
  sidecar: string;
  /** The files it covers: the subject of a file sidecar, or what a folder use's globs match. */
  subjects: string[];
  kind: SubjectKind;
  /** The tagged passage in a script, where it was found. */
  range?: Location;
  /** For a Final Draft script: the passage in its screenplay view (the Fountain rendering the editor shows). */
  screenplayRange?: Location;
  /**
   * The scene the passage is in now, with its page: as Final Draft laid it out, or estimated from
   * standard pagination for Fountain (`pageEstimated`).
   */
  scene?: { heading: string; number?: string; page?: string; pageEstimated?: boolean };
  /** How the passage was found: word for word, or re-found after small rewordings. */
  match?: { exact: boolean; similarity: number; moved: boolean };
  status: UseStatus;
  findings: Finding[];
}

/** A use placed in a script: its passage was found. */
export type PlacedUseRecord = UseRecord & { range: Location };

export function isPlaced(record: UseRecord): record is PlacedUseRecord {
  return record.range !== undefined;
}

export interface CheckResult {
  root: string;
  /** In report order (compareFindings). */
  findings: Finding[];
  uses: UseRecord[];
  sidecarCount: number;
  /** Media whose provenance could not be read (no permission, not a regular file): not known to be free of AI markers. */
  unreadableMedia: string[];
  config: ConfigCascade;
}

/** What a check may reuse from earlier checks: parsed sidecars and their findings (the editor), and what media said. */
export interface CheckCaches {
  sidecars?: SidecarMemo;
  /** Findings given back as they were for unchanged sidecars and uses; none kept without it. */
  memory?: CheckMemory;
  media?: MediaCache;
  /** The share of the event loop's turns the check takes: the production's shared one unless given. */
  turns?: TurnBudget;
}

/**
 * Where an editor already knows a tagged passage is (it followed every keystroke), by use id; such
 * ranges win over re-finding the quote. `null`: the tagged words were deleted.
 */
export type TrackedRanges = ReadonlyMap<string, TrackedRange | null>;

/** A passage an editor is following, with how well it matched its anchor when it was adopted. */
export interface TrackedRange extends TextRange {
  exact: boolean;
  similarity: number;
}

/**
 * Do two checks' uses cover the same files, in the same order? Compared in place, without making
 * the lists: a folder sidecar's uses cover thousands of frames, and a rescan checks a thousand.
 */
export function coverSameFiles(before: readonly UseRecord[], after: readonly UseRecord[]): boolean {
  let b = 0;
  let bi = 0;
  let a = 0;
  let ai = 0;
  for (;;) {
    while (b < before.length && bi === before[b].subjects.length) [b, bi] = [b + 1, 0];
    while (a < after.length && ai === after[a].subjects.length) [a, ai] = [a + 1, 0];
    if (b === before.length || a === after.length) return b === before.length && a === after.length;
    if (before[b].subjects[bi++] !== after[a].subjects[ai++]) return false;
  }
}
