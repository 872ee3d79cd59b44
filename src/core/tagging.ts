import { posixPath } from './posixPath';
import { createAnchor, TextRange } from './anchor/anchor';
import { scriptViewOf } from './anchor/scriptView';
import { FileSystem, megabytes, readText } from './fs/fileSystem';
import { Refusal } from './errors';
import { MAX_SCRIPT_BYTES } from './workspace/check';
import { FOLDER_SIDECAR_NAME, isScriptPath, sidecarPathFor } from './sidecar/paths';
import { Answer, Sidecar, SIDECAR_FORMAT_VERSION, Tool, Use, Use as UseSchema } from './sidecar/schema';
import { updateSidecar } from './sidecar/store';
import { randomToken } from './randomToken';

/** What a person says about one AI use when tagging (quick picks, or CLI flags). */
export interface TagAnswers {
  tool: Tool;
  purpose: string;
  /** A short human name for the use; the id names it where there is none. */
  title?: string;
  final: Answer;
  keyCreative: Answer;
  inputs?: Use['inputs'];
  talent?: Use['talent'];
  realism?: Use['realism'];
  description?: string;
  prompt?: string;
  author?: string;
  /** EU AI Act Art. 50(2): known to carry a machine-readable AI marking (tagged from its metadata). */
  provenanceMarked?: Answer;
}

export interface TagResult {
  useId: string;
  sidecarPath: string;
  use: Use;
}

/** A short random id, unique within its sidecar; stable once written. */
export function newUseId(existing: ReadonlySet<string>): string {
  for (;;) {
    const id = `ai-${randomToken(4)}`;
    if (!existing.has(id)) return id;
  }
}

/** ISO date-time to the second, the form sidecars record. */
export function timestamp(now: Date): string {
  return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Validates a use before it is written, so a bad answer never reaches disk as an invalid sidecar. */
function checked(use: Use): Use {
  const result = UseSchema.safeParse(use);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`Cannot record this use: ${issue.path.join('.') || 'use'}: ${issue.message}`);
  }
  return result.data;
}

function buildUse(answers: TagAnswers, id: string, now: Date): Use {
  const use: Use = {
    id,
    ...(answers.title ? { title: answers.title } : {}),
    tool: answers.tool,
    purpose: answers.purpose,
    final: answers.final,
    keyCreative: answers.keyCreative,
    inputs: answers.inputs ?? [],
    suppressions: [],
    created: timestamp(now),
  };
  if (answers.description) use.description = answers.description;
  if (answers.prompt) use.prompt = answers.prompt;
  if (answers.talent) use.talent = answers.talent;
  if (answers.realism) use.realism = answers.realism;
  if (answers.author) use.author = answers.author;
  if (answers.provenanceMarked) use.provenanceMarked = answers.provenanceMarked;
  return use;
}

/** Refused instead of reading a script past the size the check reads: its passage could never be placed. */
export class ScriptTooLargeError extends Refusal {
  constructor(
    readonly path: string,
    readonly size: number,
  ) {
    super(
      `${path} is ${megabytes(size)}; scripts are read up to ${megabytes(MAX_SCRIPT_BYTES)}, so a passage in it cannot be tagged (nothing was changed)`,
    );
  }
}

/** The script changed on disk after the passage was chosen in a view of it (the editor's, or the text `tag --lines` read). */
export class ScriptChangedError extends Refusal {
  constructor(readonly path: string) {
    super(`${path.split('/').pop()} changed on disk while the passage was being chosen; nothing was tagged. Choose the passage again.`);
  }
}

/** Throws ScriptTooLargeError for a script over the limit the check reads. */
export async function refuseLargeScript(fs: FileSystem, script: string): Promise<void> {
  const size = (await fs.stat(script))?.size ?? 0;
  if (size > MAX_SCRIPT_BYTES) throw new ScriptTooLargeError(script, size);
}

/**
 * Records a use for one file. A script with a `range` gets a text-quote anchor for that passage;
 * an asset gets its content hash recorded so a later change shows as `stale-asset`.
 */
export async function tagFile(
  fs: FileSystem,
  filePath: string,
  answers: TagAnswers,
  options: {
    range?: TextRange;
    now?: Date;
    /** The text `range` was chosen in (an editor's); refused if the script now reads otherwise, so offsets never land on other words. */
    shownText?: string;
  } = {},
): Promise<TagResult> {
  const now = options.now ?? new Date();
  const sidecarPath = sidecarPathFor(filePath);
  const fileName = posixPath.basename(filePath);
  let anchor: Use['anchor'];
  let sha256: string | undefined;
  if (isScriptPath(filePath)) {
    if (options.range && options.range.end > options.range.start) {
      await refuseLargeScript(fs, filePath);
      const view = scriptViewOf(filePath, await readText(fs, filePath));
      if (options.shownText !== undefined && options.shownText !== view.text) throw new ScriptChangedError(filePath);
      anchor = createAnchor(view.text, options.range, view.format);
    }
  } else {
    sha256 = await fs.sha256(filePath);
  }
  let use!: Use;
  await updateSidecar(
    fs,
    sidecarPath,
    (sidecar) => {
      use = buildUse(answers, newUseId(new Set(sidecar.uses.map((u) => u.id))), now);
      if (anchor) use.anchor = anchor;
      use = checked(use);
      sidecar.subject = { ...sidecar.subject, file: fileName, ...(sha256 ? { sha256 } : {}) };
      sidecar.uses.push(use);
    },
    (): Sidecar => ({ version: SIDECAR_FORMAT_VERSION, subject: { file: fileName }, uses: [] }),
  );
  return { useId: use.id, sidecarPath, use };
}

/** Records one use covering many files of a folder by glob (frame sequences, whole folders). */
export async function tagFolder(
  fs: FileSystem,
  folder: string,
  globs: string[],
  answers: TagAnswers,
  now = new Date(),
): Promise<TagResult> {
  const sidecarPath = posixPath.join(folder, FOLDER_SIDECAR_NAME);
  let use!: Use;
  await updateSidecar(fs, sidecarPath, (sidecar) => {
    use = checked({ ...buildUse(answers, newUseId(new Set(sidecar.uses.map((u) => u.id))), now), files: globs });
    sidecar.uses.push(use);
  });
  return { useId: use.id, sidecarPath, use };
}

/** Frames of one sequence in one folder, covered by one glob (`sh010_comp_v003.[0-9][0-9][0-9][0-9].exr`). */
export interface FrameSequence {
  folder: string;
  glob: string;
  files: string[];
}

/** From this many numbered files with one name and extension, a selection is a sequence. */
export const MIN_SEQUENCE_FRAMES = 3;

const FRAME_NAME = /^(.*?)(\d+)(\.[A-Za-z0-9]+)$/;

/** minimatch treats these specially; a name is matched literally by escaping them. */
function literalGlob(text: string): string {
  return text.replace(/[*?[\]{}()!+@\\]/g, (ch) => `[${ch}]`);
}

/**
 * Splits files chosen for tagging into frame sequences (numbered files sharing a name, a number
 * width and an extension, in one folder), each recorded once in a folder sidecar by glob rather
 * than one sidecar per frame, and the single files.
 */
export function groupFrameSequences(files: readonly string[]): { sequences: FrameSequence[]; singles: string[] } {
  const groups = new Map<string, { folder: string; glob: string; files: string[] }>();
  const singles: string[] = [];
  for (const file of files) {
    const match = FRAME_NAME.exec(posixPath.basename(file));
    if (!match) {
      singles.push(file);
      continue;
    }
    const [, name, digits, extension] = match;
    const folder = posixPath.dirname(file);
    const glob = `${literalGlob(name)}${'[0-9]'.repeat(digits.length)}${literalGlob(extension)}`;
    const key = `${folder}/${glob}`;
    const group = groups.get(key) ?? { folder, glob, files: [] };
    group.files.push(file);
    groups.set(key, group);
  }
  const sequences: FrameSequence[] = [];
  for (const group of groups.values()) {
    if (group.files.length >= MIN_SEQUENCE_FRAMES) sequences.push(group);
    else singles.push(...group.files);
  }
  return { sequences, singles: singles.sort() };
}
