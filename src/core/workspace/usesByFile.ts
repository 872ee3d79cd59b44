import { sameItems } from '../lists';
import { UseRecord } from './check';

/** Use records by the file they cover, kept up to date sidecar by sidecar (the Explorer asks per row). */
export class UsesByFile {
  private readonly records = new Map<string, UseRecord[]>();

  /** Swaps one sidecar's records: a keystroke touches one sidecar, not all. */
  replace(before: readonly UseRecord[], after: readonly UseRecord[], sameSubjects = coverSameFilesEach(before, after)): void {
    // The same uses covering the same files (every re-check of an unchanged sidecar): each file's
    // record is swapped where it stands. A rescan re-checks every folder sidecar, each covering
    // hundreds of frames, and building every frame's list anew made that many arrays to collect.
    if (sameSubjects) {
      before.forEach((record, i) => {
        for (const subject of record.subjects) {
          const records = this.records.get(subject);
          const at = records ? records.indexOf(record) : -1;
          if (records && at >= 0) records[at] = after[i];
          else this.add(subject, after[i]);
        }
      });
      return;
    }
    const gone = new Set(before);
    for (const subject of new Set(before.flatMap((r) => r.subjects))) {
      const kept = (this.records.get(subject) ?? []).filter((r) => !gone.has(r));
      if (kept.length > 0) this.records.set(subject, kept);
      else this.records.delete(subject);
    }
    for (const record of after) for (const subject of record.subjects) this.add(subject, record);
  }

  /** Adds a record to the uses recorded for a file. */
  private add(subject: string, record: UseRecord): void {
    // In place: a script with hundreds of tagged passages would otherwise copy its list per tag.
    const records = this.records.get(subject);
    if (records) records.push(record);
    else this.records.set(subject, [record]);
  }

  /** The records of the uses that cover a file; empty when none does. */
  get(path: string): readonly UseRecord[] {
    return this.records.get(path) ?? [];
  }

  /** Does any use cover this file? */
  has(path: string): boolean {
    return this.records.has(path);
  }
}

/** Does each use of two checks cover the very files it did, use by use? */
export function coverSameFilesEach(before: readonly UseRecord[], after: readonly UseRecord[]): boolean {
  return before.length === after.length && before.every((record, i) => sameItems(record.subjects, after[i].subjects));
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
