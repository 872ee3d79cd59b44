import { posixPath } from '../posixPath';
import { locateAnchor, PreparedScript, prepareScript } from '../anchor/anchor';
import { Finding, Location } from '../findings';
import { keyFix } from '../json/misspelledKeys';
import { FileSystem, megabytes, readText } from '../fs/fileSystem';
import { DEFAULT_PACKS, RuleCatalog, ruleById } from '../policy/rules';
import { JsonPath, ParsedSidecar } from '../sidecar/parse';
import { fieldFindings } from './fieldFindings';
import { filesCovered, filesUnder, isFolderSidecar, subjectKindOf, subjectPathOf } from '../sidecar/paths';
import { BuiltInRuleId, useName } from '../sidecar/schema';
import { loadSidecar } from '../sidecar/store';
import { sharedTurns } from './scan';
import { ConfigCascade } from '../config/config';
import { CheckCaches, TrackedRanges, UseRecord } from './records';
import { unreadableReason } from '../errors';
import { unreadableFinding } from './unreadable';
import { ScriptView, scriptViewOf } from '../anchor/scriptView';
import { AppliedPolicy, CHECKED_ONCE, CheckMemory, placeUseFindings, record, wholeFileStart } from './useFindings';

export type { CheckCaches, CheckResult, PlacedUseRecord, TrackedRange, TrackedRanges, UseRecord } from './records';
export { isPlaced } from './records';

/** A feature-length screenplay is about 150 KB; a script past this is not one, or needs splitting. */
export const MAX_SCRIPT_BYTES = 16 * 1024 * 1024;

interface SidecarCheck {
  findings: Finding[];
  uses: UseRecord[];
}

/** Checks one sidecar. `allFiles` (sorted) lets folder sidecars resolve their globs without another walk. */
export async function checkSidecar(
  fs: FileSystem,
  sidecarPath: string,
  allFiles: readonly string[],
  tracked?: TrackedRanges,
  config?: ConfigCascade,
  caches: CheckCaches = {},
): Promise<SidecarCheck> {
  const settle = (findings: Finding[]) => (config ? config.settle(findings) : findings);
  const policy: AppliedPolicy = {
    packs: config?.packsFor(subjectPathOf(sidecarPath)) ?? DEFAULT_PACKS,
    catalog: config?.catalog ?? RuleCatalog.builtIn,
    config,
  };
  const memory = caches.memory ?? CHECKED_ONCE;
  const loaded = await loadSidecar(fs, sidecarPath, caches.sidecars);
  if (!loaded) return { findings: [], uses: [] };
  if (!loaded.result.ok) {
    const invalid = memory.asLastTime(
      loaded.result,
      settle(
        loaded.result.problems.map((problem) => ({
          file: sidecarPath,
          start: problem.start,
          end: problem.end,
          rule: 'invalid-sidecar',
          severity: ruleById('invalid-sidecar').defaultSeverity,
          message: `Invalid sidecar: ${problem.message}`,
          sidecar: sidecarPath,
          related: [],
          ...(problem.meant !== undefined && problem.path ? { misspelled: keyFix(problem.path, problem.meant, problem.into) } : {}),
        })),
      ),
    );
    const { salvage } = loaded.result;
    if (!salvage) return { uses: [], findings: invalid };
    // Only some uses are wrong: the others are checked, counted and shown as usual.
    const rest = await checkParsed(fs, salvage, sidecarPath, allFiles, tracked, settle, policy, caches, memory);
    return { uses: rest.uses, findings: [...invalid, ...rest.findings] };
  }
  const checked = await checkParsed(fs, loaded.result, sidecarPath, allFiles, tracked, settle, policy, caches, memory);
  // A kept sidecar keeps its places only when finding them again would cost: a large script's
  // sidecar, re-checked on every keystroke. Kept for every small one, they held tens of megabytes.
  if (caches.sidecars && loaded.text.length < KEEP_PLACES_FROM_CHARS) loaded.result.forgetPlaces();
  return checked;
}

async function checkParsed(
  fs: FileSystem,
  parsed: ParsedSidecar,
  sidecarPath: string,
  allFiles: readonly string[],
  tracked: TrackedRanges | undefined,
  settle: (findings: Finding[]) => Finding[],
  policy: AppliedPolicy,
  caches: CheckCaches,
  memory: CheckMemory,
): Promise<SidecarCheck> {
  const at = (jsonPath: JsonPath): Location => {
    const { start, end } = parsed.locate(jsonPath);
    return { file: sidecarPath, start, end };
  };
  return isFolderSidecar(sidecarPath)
    ? checkFolderSidecar(parsed, sidecarPath, allFiles, at, settle, policy, memory)
    : checkFileSidecar(fs, parsed, sidecarPath, at, tracked, settle, policy, caches, memory);
}

/** Sidecars at least this long keep their located places between checks (a few dozen uses). */
const KEEP_PLACES_FROM_CHARS = 16 * 1024;

async function checkFileSidecar(
  fs: FileSystem,
  parsed: ParsedSidecar,
  sidecarPath: string,
  at: (p: JsonPath) => Location,
  tracked: TrackedRanges | undefined,
  settle: (findings: Finding[]) => Finding[],
  policy: AppliedPolicy,
  { media, turns = sharedTurns }: CheckCaches,
  memory: CheckMemory,
): Promise<SidecarCheck> {
  const { sidecar } = parsed;
  const subject = subjectPathOf(sidecarPath);
  const kind = subjectKindOf(subject);
  const findings: Finding[] = fieldFindings(parsed, sidecarPath, at, policy.catalog);
  const integrity = (rule: BuiltInRuleId, message: string, location: Location, useId?: string) =>
    findings.push({ ...location, rule, severity: ruleById(rule).defaultSeverity, message, useId, sidecar: sidecarPath, related: [] });

  // One name in two Unicode forms (macOS writes "é" decomposed, most editors composed) is one name.
  const name = posixPath.basename(subject);
  if (sidecar.subject && sidecar.subject.file !== name && sidecar.subject.file.normalize('NFC') !== name.normalize('NFC')) {
    integrity(
      'missing-subject',
      `Sidecar describes "${sidecar.subject.file}" but sits beside "${name}"; was the file renamed?`,
      at(['subject', 'file']),
    );
  }
  const stat = await fs.stat(subject);
  if (!stat || stat.type !== 'file') {
    integrity(
      'missing-subject',
      `Tagged file "${name}" is missing; move the sidecar with it or delete the sidecar`,
      at(sidecar.subject ? ['subject', 'file'] : []),
    );
    return {
      findings: memory.asLastTime(parsed, settle(findings)),
      uses: sidecar.uses.map((use) => record(use, sidecarPath, [subject], kind, undefined, [], policy)),
    };
  }

  /** Reads the tagged file; one that cannot be read is a finding, and the uses are still checked. */
  const readingSubject = async <T>(read: () => Promise<T>, consequence: string): Promise<T | undefined> => {
    try {
      return await read();
    } catch (error) {
      const reason = unreadableReason(error);
      if (reason === undefined) throw error;
      const where = at(sidecar.subject ? ['subject', 'file'] : []);
      const message = `"${name}" could not be read: ${reason}; ${consequence}`;
      findings.push(unreadableFinding(where.file, message, sidecarPath, where.start, where.end));
      return undefined;
    }
  };

  const guidelineFindings: Finding[] = [];
  let script: PreparedScript | undefined;
  /** For a Final Draft script, the .fdx place of a screenplay offset; findings point into the file itself. */
  let sourcePositionAt: ((offset: number) => Location['start']) | undefined;
  let sceneAt: ScriptView['sceneAt'];
  if (kind === 'script' && stat.size > MAX_SCRIPT_BYTES) {
    integrity(
      'file-too-large',
      `"${name}" is ${megabytes(stat.size)}; scripts are read up to ${megabytes(MAX_SCRIPT_BYTES)}, so its tagged passages are not placed`,
      at(sidecar.subject ? ['subject', 'file'] : []),
    );
  } else if (kind === 'script') {
    const text = await readingSubject(() => readText(fs, subject), 'its tagged passages are not placed');
    // Scripts read at once are indexed one after another, a share of the turn each.
    for (let wait = turns.due(); wait; wait = turns.due()) await wait;
    if (text !== undefined) {
      const view = scriptViewOf(subject, text);
      script = prepareScript(view.text);
      sourcePositionAt = view.sourcePositionAt;
      sceneAt = view.sceneAt;
      for (const problem of view.problems) {
        const message = `"${name}" is not well-formed here: ${problem.message}; passages after it may not be placed`;
        findings.push(unreadableFinding(subject, message, sidecarPath, problem.start));
      }
    }
  } else if (sidecar.subject?.sha256) {
    // Thousands of assets a check, nearly all unchanged: their kept hash is taken without awaiting.
    const actual =
      media?.knownSha256(subject, stat) ??
      (await readingSubject(
        () => (media ? media.sha256(fs, subject, stat) : fs.sha256(subject)),
        'whether it changed since it was tagged is not known',
      ));
    if (actual !== undefined && actual !== sidecar.subject.sha256) {
      integrity('stale-asset', `"${name}" changed since it was tagged; review its uses and re-confirm the tag`, at(['subject', 'sha256']));
    }
  }

  const uses: UseRecord[] = [];
  // A script's sidecar can hold hundreds of uses: the event loop turns every few milliseconds.
  for (let index = 0; index < sidecar.uses.length; index++) {
    const use = sidecar.uses[index];
    for (let wait = turns.due(); wait; wait = turns.due()) await wait;
    const useAt = (field: Readonly<JsonPath>) => at(['uses', index, ...field]);
    let range: Location | undefined;
    let how: UseRecord['match'];
    let sceneOffset: number | undefined;
    let screenplayRange: Location | undefined;
    if (script !== undefined && use.anchor) {
      const known = tracked?.get(use.id);
      const match =
        known === undefined ? locateAnchor(script, use.anchor) : known && known.end > known.start ? { ...known, moved: false } : undefined;
      const { lines } = script;
      if (match) {
        const inView = { file: subject, start: lines.positionAt(match.start), end: lines.positionAt(match.end) };
        range = sourcePositionAt ? placedInSource(subject, sourcePositionAt, match.start) : inView;
        if (sourcePositionAt) screenplayRange = inView;
        how = { exact: match.exact, similarity: match.similarity, moved: match.moved };
        sceneOffset = match.start;
      } else {
        const line = Math.min(use.anchor.start.line, lines.lineCount);
        const lastKnown = sourcePositionAt
          ? placedInSource(subject, sourcePositionAt, lines.lineStart(line))
          : { file: subject, start: { line, column: 1 }, end: { line, column: 1 } };
        const finding: Finding = {
          ...lastKnown,
          rule: 'orphaned-tag',
          severity: ruleById('orphaned-tag').defaultSeverity,
          message: `AI use "${useName(use)}": the tagged passage ("${preview(use.anchor.quote)}") is no longer in the script`,
          useId: use.id,
          useName: useName(use),
          sidecar: sidecarPath,
          related: [{ ...useAt(['anchor']), message: 'The tag recorded here' }],
        };
        findings.push(finding);
      }
    }
    // Settled before they decide the use's status: a rule turned off does not hold a use back.
    const place = range ?? (kind === 'script' ? wholeFileStart(subject) : undefined);
    const useFindings = memory.placedOnce(use, place, policy, () =>
      settle(
        placeUseFindings(
          use,
          memory.evaluate(use, policy.packs, policy.catalog),
          sidecarPath,
          useAt,
          place,
          kind === 'script' ? undefined : subject,
        ),
      ),
    );
    guidelineFindings.push(...useFindings);
    const placed = record(use, sidecarPath, [subject], kind, range, useFindings, policy, how);
    if (sceneAt && sceneOffset !== undefined) sceneWhenRead(placed, sceneAt, sceneOffset);
    if (screenplayRange) placed.screenplayRange = screenplayRange;
    uses.push(placed);
  }
  return { findings: [...memory.asLastTime(parsed, settle(findings)), ...guidelineFindings], uses };
}

function checkFolderSidecar(
  parsed: ParsedSidecar,
  sidecarPath: string,
  allFiles: readonly string[],
  at: (p: JsonPath) => Location,
  settle: (findings: Finding[]) => Finding[],
  policy: AppliedPolicy,
  memory: CheckMemory,
): SidecarCheck {
  const folder = posixPath.dirname(sidecarPath);
  const candidates = filesUnder(allFiles, folder);
  const integrity: Finding[] = fieldFindings(parsed, sidecarPath, at, policy.catalog);
  const guidelineFindings: Finding[] = [];
  const uses: UseRecord[] = [];
  for (const [index, use] of parsed.sidecar.uses.entries()) {
    const useAt = (field: Readonly<JsonPath>) => at(['uses', index, ...field]);
    const globs = use.files ?? [];
    const subjects = filesCovered(globs, folder, candidates);
    if (subjects.length === 0) {
      const message =
        globs.length === 0
          ? `AI use "${useName(use)}" in a folder sidecar needs "files" globs saying which files it covers`
          : `AI use "${useName(use)}": no file matches ${globs.map((g) => `"${g}"`).join(', ')}`;
      integrity.push(
        ...settle([
          {
            ...useAt(['files']),
            rule: 'missing-subject',
            severity: ruleById('missing-subject').defaultSeverity,
            message,
            useId: use.id,
            useName: useName(use),
            sidecar: sidecarPath,
            related: [],
          },
        ]),
      );
    }
    const kind = subjects.length > 0 ? subjectKindOf(subjects[0]) : 'other';
    const useFindings = memory.placedOnce(use, undefined, policy, () =>
      settle(placeUseFindings(use, memory.evaluate(use, policy.packs, policy.catalog), sidecarPath, useAt, undefined)),
    );
    guidelineFindings.push(...useFindings);
    uses.push(record(use, sidecarPath, subjects, kind, undefined, useFindings, policy));
  }
  return { findings: [...memory.asLastTime(parsed, integrity), ...guidelineFindings], uses };
}

/**
 * Gives a record its scene when it is first read. A Fountain script's pages are worked out from
 * its whole text, several times what the re-check after a keystroke costs, and only reports and
 * the use form read them.
 */
function sceneWhenRead(record: UseRecord, sceneAt: NonNullable<ScriptView['sceneAt']>, offset: number): void {
  let scene: UseRecord['scene'];
  let read = false;
  Object.defineProperty(record, 'scene', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (!read) [scene, read] = [sceneAt(offset), true];
      return scene;
    },
  });
}

function preview(quote: string): string {
  const flat = quote.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}

/** A passage of a Final Draft script, placed where its first paragraph's text starts in the .fdx. */
function placedInSource(file: string, sourcePositionAt: (offset: number) => Location['start'], offset: number): Location {
  const start = sourcePositionAt(offset);
  return { file, start, end: start };
}
