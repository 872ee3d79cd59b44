import { Finding } from '../findings';
import { loadConfigCascade } from '../config/config';
import { hasReadableProvenance } from '../provenance/provenance';
import { mapLimited, ScanResult, scanProduction } from './scan';
import { ConfigCascade } from '../config/config';
import { FileSystem, readFileIfPresent, readText, writeTextAtomic } from '../fs/fileSystem';
import { isFolderSidecar, rangeUnder, sidecarPathFor, subjectKindOf, subjectPathOf } from '../sidecar/paths';
import { UseRecord } from './records';
import { SidecarDigests } from './sidecarDigests';
import { newSha256, sha256Hex } from '../digest';

/** Bumped when what a sidecar's check finds, or how it is stored, changes shape. */
const RESULT_CACHE_FORMAT = 1;

/** A sidecar's check: what it found, and its use records (each with its own findings, most of them the check's). */
interface SidecarCheck {
  findings: Finding[];
  uses: UseRecord[];
}

/**
 * One sidecar's check as stored, under the key of everything it depended on. A record's findings
 * are stored as their places in `findings` (the same objects), not as a second copy of each.
 */
interface StoredCheck {
  key: string;
  findings: Finding[];
  uses: (Omit<UseRecord, 'findings'> & { findings: (number | Finding)[] })[];
}

function isStoredCheck(value: unknown): value is StoredCheck {
  const entry = value as Partial<StoredCheck> | null;
  return (
    typeof entry === 'object' &&
    entry !== null &&
    typeof entry.key === 'string' &&
    Array.isArray(entry.findings) &&
    Array.isArray(entry.uses) &&
    entry.uses.every((record) => typeof record === 'object' && record !== null && Array.isArray(record.findings))
  );
}

function toStored(key: string, check: SidecarCheck): StoredCheck {
  const at = new Map(check.findings.map((finding, i) => [finding, i]));
  return {
    key,
    findings: check.findings,
    uses: check.uses.map((record) => ({ ...record, findings: record.findings.map((finding) => at.get(finding) ?? finding) })),
  };
}

function fromStored(entry: StoredCheck): SidecarCheck {
  const finding = (item: number | Finding) => (typeof item === 'number' ? entry.findings[item] : item);
  return {
    findings: entry.findings,
    uses: entry.uses.map((record) => ({ ...record, findings: record.findings.map(finding).filter((f) => f !== undefined) })),
  };
}

/**
 * What checks of sidecars found, kept between runs of the CLI (`--cache`, as ESLint and Prettier
 * have): a sidecar's check is reused only when its key matches, and the key covers everything the
 * check reads (the sidecar's bytes, its subject's size and modification time or a folder's file
 * names, the configuration and packs in force) and the tool's release, so a cached run prints what
 * a cold one would. Media marked as AI-made with no use are looked for again on every run (through
 * the media cache). A file that does not read back as a cache of this release is ignored.
 */
export class ResultCache {
  private readonly stored = new Map<string, StoredCheck>();
  private readonly used = new Map<string, StoredCheck>();
  private added = false;

  private constructor(
    private readonly file: string,
    private readonly release: string,
  ) {}

  /** The cache in `file` (empty when it is missing, damaged or of another release). */
  static async load(fs: FileSystem, file: string, release: string): Promise<ResultCache> {
    const cache = new ResultCache(file, release);
    try {
      const bytes = await readFileIfPresent(fs, file);
      const data = bytes && (JSON.parse(new TextDecoder().decode(bytes)) as { format?: unknown; release?: unknown; sidecars?: unknown });
      if (data && data.format === RESULT_CACHE_FORMAT && data.release === release && typeof data.sidecars === 'object' && data.sidecars) {
        for (const [sidecar, entry] of Object.entries(data.sidecars)) if (isStoredCheck(entry)) cache.stored.set(sidecar, entry);
      }
    } catch {
      // A damaged cache only costs time: every sidecar is checked again and the file rewritten.
    }
    return cache;
  }

  /** What the check of `sidecar` found last time under the same key. */
  get(sidecar: string, key: string): SidecarCheck | undefined {
    const entry = this.stored.get(sidecar);
    if (entry?.key !== key) return undefined;
    this.used.set(sidecar, entry);
    return fromStored(entry);
  }

  set(sidecar: string, key: string, check: SidecarCheck): void {
    this.used.set(sidecar, toStored(key, check));
    this.added = true;
  }

  /** Writes what this run used (sidecars gone since drop out); nothing when it all came from the file. */
  async save(fs: FileSystem): Promise<void> {
    if (!this.added && this.used.size === this.stored.size) return;
    const data = { format: RESULT_CACHE_FORMAT, release: this.release, sidecars: Object.fromEntries(this.used) };
    await writeTextAtomic(fs, this.file, `${JSON.stringify(data)}\n`);
  }
}

/** A check's key: a digest of the parts it depends on, in order. */
function checkKey(fs: FileSystem, ...parts: (string | Uint8Array)[]): string {
  const hash = newSha256(fs);
  for (const part of parts) {
    hash.update(part);
    hash.update('\u0000');
  }
  return hash.hex();
}

/**
 * The key of everything a sidecar's check reads: the configuration in force, the sidecar's bytes
 * (their digest, taken again only when the file's stat changed), and its subject's size and
 * modification time (a folder sidecar's: the names of the files below it). `undefined` when the
 * sidecar cannot be read: it is then checked, and its problem reported.
 */
export async function sidecarCheckKey(
  fs: FileSystem,
  sidecarPath: string,
  files: readonly string[],
  config: ConfigCascade | undefined,
  digests = new SidecarDigests(),
): Promise<string | undefined> {
  const parts = await sidecarKeyParts(fs, sidecarPath, files, digests);
  return parts && keyOfParts(fs, config, parts);
}

/** What a sidecar's key covers besides the configuration: its bytes' digest and its subject. */
type SidecarKeyParts = [digest: string, subject: string];

async function sidecarKeyParts(
  fs: FileSystem,
  sidecarPath: string,
  files: readonly string[],
  digests: SidecarDigests,
): Promise<SidecarKeyParts | undefined> {
  const digest = await digests.of(fs, sidecarPath, (bytes) => sha256Hex(bytes, fs));
  if (digest === undefined) return undefined;
  if (isFolderSidecar(sidecarPath)) {
    const folder = sidecarPath.slice(0, sidecarPath.lastIndexOf('/'));
    const [from, to] = rangeUnder(files, folder);
    return [digest, files.slice(from, to).join('\n')];
  }
  return [digest, statText(await fs.stat(subjectPathOf(sidecarPath)).catch(() => undefined))];
}

function keyOfParts(fs: FileSystem, config: ConfigCascade | undefined, [digest, subject]: SidecarKeyParts): string {
  return checkKey(fs, config?.source ?? '', subject, digest);
}

/**
 * The key of an open file's check: its sidecar's key, and the file's text as the editor holds it
 * (unsaved edits included), so a check kept from another window is used only for the same text.
 */
export async function openFileCheckKey(fs: FileSystem, sidecarPath: string, config: ConfigCascade): Promise<string | undefined> {
  const key = await sidecarCheckKey(fs, sidecarPath, [], config);
  const subject = subjectPathOf(sidecarPath);
  const text = key && subjectKindOf(subject) === 'script' ? await readText(fs, subject).catch(() => undefined) : '';
  return key && text !== undefined ? checkKey(fs, key, text) : undefined;
}

/** What a whole check printed: standard output and error, and the exit code. */
export interface RunOutput {
  out: string;
  err: string;
  code: number;
}

/** Bumped when what a kept run stores, or how, changes. */
const KEPT_RUN_FORMAT = 2;

/**
 * The key of everything a whole check of `root` reads, with the walk it made (a check that runs
 * after uses it instead of walking again). It covers every path the walk found and what it could
 * not read, the configuration and packs, each sidecar's bytes and its subject's size and
 * modification time, the size and time of every medium whose own metadata could make it
 * undeclared, and `view` (the format, the folder paths are shown from, the release): a run with
 * the same key prints what a cold one would, byte for byte.
 */
export async function wholeRunKey(
  fs: FileSystem,
  root: string,
  view: string,
  digests: SidecarDigests,
): Promise<{ key: string; scan: ScanResult; sidecarKeyOf: (sidecar: string) => string | undefined }> {
  const scan = await scanProduction(fs, root);
  const config = await loadConfigCascade(fs, root, scan.files, { loadCustomPacks: true });
  const hash = newSha256(fs);
  const part = (text: string | Uint8Array) => {
    hash.update(text);
    hash.update('\u0000');
  };
  part(view);
  part(config.source);
  part(JSON.stringify(scan.unreadable));
  part(scan.files.join('\n'));
  // What each sidecar's own key covers, the configuration above included once: a run that prints
  // what the last one printed makes no key of its own for each sidecar.
  const read = await mapLimited(scan.sidecars, 16, (sidecar) => sidecarKeyParts(fs, sidecar, scan.files, digests));
  const partsOf = new Map<string, SidecarKeyParts>();
  scan.sidecars.forEach((sidecar, i) => {
    const parts = read[i];
    part(sidecar);
    if (parts === undefined) part('unreadable');
    else {
      part(parts[0]);
      part(parts[1]);
      partsOf.set(sidecar, parts);
    }
  });
  part('');
  // A medium with no sidecar of its own could be covered by no use and carry an AI marker.
  const sidecars = new Set(scan.sidecars);
  for (const file of scan.files) {
    if (hasReadableProvenance(file) && !sidecars.has(sidecarPathFor(file))) {
      part(file);
      part(statText(await fs.stat(file).catch(() => undefined)));
    }
  }
  // Each sidecar's key, which the check then uses for its sidecar cache instead of reading it again.
  const sidecarKeyOf = (sidecar: string) => {
    const parts = partsOf.get(sidecar);
    return parts && keyOfParts(fs, config, parts);
  };
  return { key: hash.hex(), scan, sidecarKeyOf };
}

function statText(stat: { type: string; size: number; mtimeMs: number } | undefined): string {
  return stat ? `${stat.type} ${stat.size} ${stat.mtimeMs}` : 'none';
}

/** A check's output as kept: standard output as the bytes it was, and the sidecar digests the run relied on. */
export interface KeptRun {
  key: string;
  out: Uint8Array;
  err: string;
  code: number;
  digests: unknown[];
}

/**
 * The output the last check printed and the key it was printed under, kept in `file` as a line of
 * JSON (key, exit code, error output, sidecar digests) followed by the standard output as it was
 * printed, so it is written back without decoding it.
 */
export async function keptRun(fs: FileSystem, file: string): Promise<KeptRun | undefined> {
  const bytes = await readFileIfPresent(fs, file).catch(() => undefined);
  if (!bytes) return undefined;
  const newline = bytes.indexOf(0x0a);
  try {
    const head = JSON.parse(new TextDecoder().decode(bytes.subarray(0, newline))) as {
      format?: unknown;
      key?: unknown;
      err?: unknown;
      code?: unknown;
      digests?: unknown;
    };
    if (head.format !== KEPT_RUN_FORMAT || typeof head.key !== 'string' || typeof head.err !== 'string' || typeof head.code !== 'number')
      return undefined;
    const digests = Array.isArray(head.digests) ? head.digests : [];
    return { key: head.key, out: bytes.subarray(newline + 1), err: head.err, code: head.code, digests };
  } catch {
    // A damaged file only costs time: the check runs and the file is written again.
    return undefined;
  }
}

export async function keepRun(fs: FileSystem, file: string, key: string, run: RunOutput, digests: SidecarDigests): Promise<void> {
  const head = JSON.stringify({ format: KEPT_RUN_FORMAT, key, err: run.err, code: run.code, digests });
  await writeTextAtomic(fs, file, `${head}\n${run.out}`);
}
