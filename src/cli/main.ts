import * as nodePath from 'node:path';
import { parseArgs, ParseArgsConfig } from 'node:util';
import { findSections, taggedSpan } from '../core/anchor/sections';
import type { TextRange } from '../core/anchor/anchor';
import { scriptViewOf } from '../core/anchor/scriptView';
import { Finding, toFindingRow } from '../core/findings';
import { FileSystem, readText, writeTextAtomic } from '../core/fs/fileSystem';
import { Refusal, systemRefusal } from '../core/errors';
import { visibleControls } from '../core/text/visible';
import { checkProduction } from '../core/workspace/production';
import { keepRun, keptRun, wholeRunKey } from '../core/workspace/resultCache';
import { SidecarDigests } from '../core/workspace/sidecarDigests';
import { CheckResult } from '../core/workspace/records';
import { produceReport } from '../core/report/produce';
import { loadPreviousReport } from '../core/report/changes';
import { REPORT_FORMATS, ReportFormat } from '../core/report/render';
import { ConfigError } from '../core/config/config';
import { isFinalDraftPath, isScriptPath, toPosixPath } from '../core/sidecar/paths';
import { Answer, ENVIRONMENTS, INPUT_KINDS, TALENT_KINDS, CONSENT_STATUSES, Use } from '../core/sidecar/schema';
import { groupFrameSequences, refuseLargeScript, tagFile, TagAnswers, tagFolder } from '../core/tagging';
import { LineIndex } from '../core/text/lineIndex';
import { textChunks } from '../core/text/pieces';
import { plural } from '../core/lists';

import { CACHE_OPTIONS, lastRunFile, withMediaCache, withResultCache } from './caches';
import { CliIo, display, displayOnce, outputText, relativeToCwd } from './io';
import { RELEASE } from '../core/release';
import { closestKey } from '../core/json/misspelledKeys';

export type { CliIo } from './io';

/** Exit codes fixed by the product outline. */
export const EXIT = { clean: 0, errors: 1, usage: 2 } as const;

class UsageError extends Error {}

const HELP = `ai-disclosure: record and check generative-AI use in a production

Usage:
  ai-disclosure check [DIR] [--format text|json] [--cache] [--cache-location FILE]
  ai-disclosure report [DIR] --format md|html|csv|json|sarif [--output FILE] [--since REPORT.json] [--cache] [--cache-location FILE]
  ai-disclosure tag FILE... --tool NAME [--lines A-B | --scene HEADING] [options]

Tag options:
  --tool NAME               generative tool used (required)
  --tool-version V          --vendor NAME
  --environment E           enterprise | consumer | local | unknown (default unknown)
  --retains A               does the tool store or reuse inputs? yes | no | unknown (default unknown)
  --trains A                does the vendor train on inputs? yes | no | unknown (default unknown)
  --purpose TEXT            what it was used for (default "unspecified")
  --title TEXT              a short name for the use, shown wherever it is named (default: none, the id)
  --final                   the output is part of the final deliverables (default: temporary)
  --key-creative A          key creative element? yes | no | unknown (default unknown)
  --input KIND              production data put in (repeatable): ${INPUT_KINDS.join(', ')}
  --talent KIND             ${TALENT_KINDS.join(', ')}
  --performer NAME          (repeatable)   --union A   --consent ${CONSENT_STATUSES.join('|')}
  --prompt TEXT             --description TEXT   --author NAME

--since REPORT.json adds what changed since that earlier JSON report: uses added, removed and
changed (which fields, old and new status); in SARIF each result is also marked new, unchanged or
updated.

--cache keeps each sidecar's check between runs, keyed by the sidecar's content, its file's size and
modification time (a folder's file names), the configuration and packs, and this release: a run with
nothing changed reuses them and prints what a full run would; check also keeps its whole output
for a run in which nothing at all changed. --cache-location names the file (or a folder for it); by
default it is kept in the user's cache folder.

Exit codes: 0 no error-severity findings, 1 error-severity findings, 2 bad usage or configuration.
`;

/** Runs one CLI invocation and returns its exit code; never calls process.exit itself. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return await runCheck(rest, io);
      case 'report':
        return await runReport(rest, io);
      case 'tag':
        return await runTag(rest, io);
      case '--version':
      case '-v':
        io.out(`${RELEASE}\n`);
        return EXIT.clean;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(HELP);
        return command === undefined ? EXIT.usage : EXIT.clean;
      default: {
        const meant = closestKey(command, COMMANDS);
        throw new UsageError(`unknown command "${command}"${meant ? `; did you mean ${meant}?` : ''}`);
      }
    }
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error)) {
      io.err(`ai-disclosure: ${visibleControls((error as Error).message)}\nRun "ai-disclosure --help" for usage.\n`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      io.err(
        `${error.problems.map((p) => `${display(io, p.file)}:${p.start.line}:${p.start.column}  error  configuration  ${visibleControls(p.message)}`).join('\n')}\n`,
      );
      return EXIT.usage;
    }
    const refusal = error instanceof Refusal ? error : systemRefusal(error);
    if (refusal) {
      io.err(`ai-disclosure: ${visibleControls(relativeToCwd(io, refusal.message))}\n`);
      return EXIT.usage;
    }
    throw error;
  }
}

/** The commands, for a name typed with a slip. */
const COMMANDS = ['check', 'report', 'tag', 'help'];

function isParseArgsError(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    typeof (error as NodeJS.ErrnoException).code === 'string' &&
    ((error as NodeJS.ErrnoException).code ?? '').startsWith('ERR_PARSE_ARGS')
  );
}

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    // Said as briefly as the other usage errors, with the option it looks like.
    const given =
      (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && /'(-[^']*)'/.exec((error as Error).message)?.[1];
    if (!given) throw error;
    const meant = closestKey(given.replace(/^-+/, '').split('=')[0], Object.keys(options));
    throw new UsageError(`unknown option "${given}"${meant ? `; did you mean --${meant}?` : ''}`);
  }
}

async function resolveFolder(io: CliIo, given: string | undefined): Promise<string> {
  const folder = toPosixPath(nodePath.resolve(io.cwd, given ?? '.'));
  const stat = await io.fs.stat(folder);
  if (!stat || stat.type !== 'directory') throw new UsageError(`"${given ?? '.'}" is not a folder`);
  return folder;
}

/**
 * Writes one line per finding in blocks of about 64 KB, not a system call per line (a large
 * production has tens of thousands).
 */
function writeFindingLines(io: CliIo, findings: readonly Finding[]): void {
  const shown = displayOnce(io);
  let block = '';
  for (const finding of findings) {
    const file = shown(finding.file);
    // One finding, one line: what came from files (names, recorded fields) cannot break it or act on the terminal.
    block += `${file}:${finding.start.line}:${finding.start.column}  ${finding.severity}  ${finding.rule}  ${visibleControls(finding.message)}\n`;
    if (block.length >= 65536) {
      io.out(block);
      block = '';
    }
  }
  if (block) io.out(block);
}

function exitFor(findings: readonly Finding[]): number {
  return findings.some((f) => f.severity === 'error') ? EXIT.errors : EXIT.clean;
}

async function runCheck(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { format: { type: 'string', default: 'text' }, ...CACHE_OPTIONS });
  if (positionals.length > 1) throw new UsageError('check takes at most one folder');
  if (values.format !== 'text' && values.format !== 'json') throw new UsageError(`--format must be text or json, not "${values.format}"`);
  const root = await resolveFolder(io, positionals[0]);
  // With --cache, a run that finds nothing at all changed prints what the last one printed.
  const caching = values.cache || values['cache-location'] !== undefined;
  const runFile = caching ? await lastRunFile(io, root, values['cache-location']) : undefined;
  const kept = runFile ? await keptRun(io.fs, runFile) : undefined;
  const digests = new SidecarDigests(kept?.digests);
  const inputs = runFile ? await wholeRunKey(io.fs, root, JSON.stringify([RELEASE, values.format, io.cwd]), digests) : undefined;
  if (kept && kept.key === inputs?.key) {
    io.out(kept.out);
    if (kept.err) io.err(kept.err);
    return kept.code;
  }
  const result = await withResultCache(io, root, values, (results) =>
    withMediaCache(io, root, (media) => checkProduction(io.fs, root, { media }, results, inputs)),
  );
  const printed = { out: '', err: '' };
  const shown: CliIo = runFile
    ? {
        ...io,
        out: (text) => {
          printed.out += outputText(text);
          io.out(text);
        },
        err: (text) => {
          printed.err += text;
          io.err(text);
        },
      }
    : io;
  const code = printCheck(shown, result, values.format);
  if (runFile && inputs) {
    await keepRun(io.fs, runFile, inputs.key, { ...printed, code }, digests).catch((error: unknown) => {
      io.err(
        `ai-disclosure: note: the cache ${display(io, runFile)} was not written (${error instanceof Error ? error.message : String(error)})\n`,
      );
    });
  }
  return code;
}

/** Prints a check's findings (and, as text, the summary on standard error); returns the exit code. */
function printCheck(io: CliIo, result: CheckResult, format: string): number {
  if (format === 'json') {
    const shown = displayOnce(io);
    const rows = result.findings.map((f) => toFindingRow(f, shown));
    io.out(JSON.stringify(rows, null, 2) + '\n');
  } else {
    writeFindingLines(io, result.findings);
    const count = (severity: string, noun: string) => plural(result.findings.filter((f) => f.severity === severity).length, noun);
    const unreadable = result.unreadableMedia.length;
    const media =
      unreadable > 0
        ? `; ${plural(unreadable, 'medium', 'media')} could not be read for provenance (first: ${display(io, result.unreadableMedia[0])})`
        : '';
    io.err(
      `${plural(result.uses.length, 'AI use')} in ${plural(result.sidecarCount, 'sidecar')}; ${count('error', 'error')}, ${count('warning', 'warning')}, ${count('information', 'note')}${media}\n`,
    );
  }
  return exitFor(result.findings);
}

async function runReport(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string', default: 'md' },
    output: { type: 'string', short: 'o' },
    since: { type: 'string' },
    ...CACHE_OPTIONS,
  });
  if (positionals.length > 1) throw new UsageError('report takes at most one folder');
  const since =
    values.since === undefined ? undefined : await loadPreviousReport(io.fs, toPosixPath(nodePath.resolve(io.cwd, values.since)));
  const format = values.format as ReportFormat;
  if (!REPORT_FORMATS.includes(format))
    throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not "${values.format}"`);
  const root = await resolveFolder(io, positionals[0]);
  const target = values.output === undefined ? undefined : await outputPath(io, values.output);
  const { pieces, result } = await withResultCache(io, root, values, (results) =>
    withMediaCache(io, root, (media) =>
      produceReport(io.fs, root, format, { generatedAt: io.now(), toolVersion: RELEASE, caches: { media }, results, since }),
    ),
  );
  if (target) {
    await writeTextAtomic(io.fs, target, pieces);
    io.err(`Wrote ${format} report of ${plural(result.uses.length, 'AI use')} to ${display(io, target)}\n`);
  } else {
    for (const chunk of textChunks(pieces)) io.out(chunk);
  }
  return exitFor(result.findings);
}

/** Where `--output` writes, refused before any work is lost: a missing folder, or a folder where the file goes. */
async function outputPath(io: CliIo, given: string): Promise<string> {
  const target = toPosixPath(nodePath.resolve(io.cwd, given));
  if ((await io.fs.stat(target))?.type === 'directory') throw new UsageError(`--output "${given}" is a folder; name a file in it`);
  const folder = nodePath.posix.dirname(target);
  if ((await io.fs.stat(folder))?.type !== 'directory')
    throw new UsageError(`--output "${given}": the folder ${display(io, folder)} does not exist`);
  return target;
}

const ANSWERS: readonly string[] = ['yes', 'no', 'unknown'];

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, not "${value}"`);
  return value as T;
}

async function runTag(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    tool: { type: 'string' },
    'tool-version': { type: 'string' },
    vendor: { type: 'string' },
    environment: { type: 'string' },
    retains: { type: 'string' },
    trains: { type: 'string' },
    purpose: { type: 'string' },
    title: { type: 'string' },
    final: { type: 'boolean', default: false },
    'key-creative': { type: 'string' },
    input: { type: 'string', multiple: true },
    talent: { type: 'string' },
    performer: { type: 'string', multiple: true },
    union: { type: 'string' },
    consent: { type: 'string' },
    prompt: { type: 'string' },
    description: { type: 'string' },
    author: { type: 'string' },
    lines: { type: 'string' },
    scene: { type: 'string' },
  });
  if (positionals.length === 0) throw new UsageError('tag needs at least one FILE');
  if (!values.tool?.trim()) throw new UsageError('tag needs --tool NAME');
  if (values.lines && values.scene) throw new UsageError('use --lines or --scene, not both');

  const answers: TagAnswers = {
    tool: {
      name: values.tool.trim(),
      ...(values['tool-version'] ? { version: values['tool-version'] } : {}),
      ...(values.vendor ? { vendor: values.vendor } : {}),
      environment: oneOf('environment', values.environment, ENVIRONMENTS, 'unknown'),
      retainsInputs: oneOf<Answer>('retains', values.retains, ANSWERS as Answer[], 'unknown'),
      trainsOnInputs: oneOf<Answer>('trains', values.trains, ANSWERS as Answer[], 'unknown'),
    },
    purpose: values.purpose?.trim() || 'unspecified',
    ...(values.title?.trim() ? { title: values.title.trim() } : {}),
    final: values.final ? 'yes' : 'no',
    keyCreative: oneOf<Answer>('key-creative', values['key-creative'], ANSWERS as Answer[], 'unknown'),
    inputs: (values.input ?? []).map((input) => oneOf('input', input, INPUT_KINDS, INPUT_KINDS[0])),
    ...(values.prompt ? { prompt: values.prompt } : {}),
    ...(values.description ? { description: values.description } : {}),
    ...(values.author ? { author: values.author } : {}),
  };
  if (values.talent) {
    answers.talent = {
      kind: oneOf('talent', values.talent, TALENT_KINDS, TALENT_KINDS[0]),
      performers: values.performer ?? [],
      unionCovered: oneOf<Answer>('union', values.union, ANSWERS as Answer[], 'unknown'),
      consent: { status: oneOf('consent', values.consent, CONSENT_STATUSES, 'none') },
    } satisfies Use['talent'];
  }

  const files: string[] = [];
  for (const given of positionals) {
    const file = toPosixPath(nodePath.resolve(io.cwd, given));
    const stat = await io.fs.stat(file);
    if (!stat || stat.type !== 'file') throw new UsageError(`"${given}" is not a file`);
    files.push(file);
  }
  // Frame sequences (say sh010.*.exr from the shell) are one use in the folder sidecar, by glob.
  const { sequences, singles } = values.lines || values.scene ? { sequences: [], singles: files } : groupFrameSequences(files);
  for (const sequence of sequences) {
    const result = await tagFolder(io.fs, sequence.folder, [sequence.glob], answers, io.now());
    io.out(`${result.useId}\n`);
    io.err(
      `Tagged ${sequence.files.length} frames as ${result.useId} in ${display(io, result.sidecarPath)} ("${visibleControls(sequence.glob)}")\n`,
    );
  }
  for (const file of singles) {
    const given = display(io, file);
    // The range is chosen in the text read here: tagging refuses a script that reads otherwise by then.
    const chosen = values.lines || values.scene ? await rangeFor(io.fs, file, given, values.lines, values.scene) : undefined;
    const result = await tagFile(io.fs, file, answers, { ...chosen, now: io.now() });
    io.out(`${result.useId}\n`);
    io.err(`Tagged ${display(io, file)} as ${result.useId} in ${display(io, result.sidecarPath)}\n`);
  }
  return EXIT.clean;
}

/** Turns `--lines A-B` or `--scene HEADING` into an offset range of the script, with the text it is a range of. */
async function rangeFor(
  fs: FileSystem,
  file: string,
  given: string,
  lines: string | undefined,
  scene = '',
): Promise<{ range: TextRange; shownText: string }> {
  if (!isScriptPath(file)) throw new UsageError(`--lines and --scene apply to scripts; "${given}" is not one`);
  if (lines && isFinalDraftPath(file))
    throw new UsageError(`--lines does not apply to a Final Draft script; tag "${given}" by --scene (a heading or a scene number)`);
  await refuseLargeScript(fs, file);
  const view = scriptViewOf(file, await readText(fs, file));
  const { text } = view;
  const index = new LineIndex(text);
  if (lines) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(lines);
    const first = match ? Number(match[1]) : NaN;
    const last = match?.[2] ? Number(match[2]) : first;
    if (!match || first < 1 || last < first || last > index.lineCount) {
      throw new UsageError(`--lines must be A-B within 1-${index.lineCount}, not "${lines}"`);
    }
    return { range: { start: index.lineStart(first), end: index.endOfLine(last) }, shownText: text };
  }
  const wanted = scene.trim().toLowerCase();
  const sections = findSections(text, view.format);
  const found =
    sections.find((s) => s.heading.toLowerCase() === wanted || s.number?.toLowerCase() === wanted) ??
    sections.find((s) => s.heading.toLowerCase().includes(wanted));
  if (!found) throw new UsageError(`no scene matching "${scene}" in "${given}" (${sections.length} scenes found)`);
  return { range: taggedSpan(text, found), shownText: text };
}
