import { posixPath } from '../posixPath';
import { BUILT_IN_PACK_IDS, ProjectConfig, SeverityOrOff } from './schema';
import { Finding } from '../findings';
import { FileSystem, FileTooLargeError, megabytes, readFileIfPresent, readText } from '../fs/fileSystem';
import { formatPath, JsonPath, JsonProblem, Locate, parseValidatedJson, ValidatedJson } from '../json/validatedJson';
import { keyFix, keyPlace, misspelledKeys } from '../json/misspelledKeys';
import { globsCover, isAtOrUnder, isSidecarPath, subjectPathOf } from '../sidecar/paths';
import { CustomPack, DEFAULT_PACKS, INTEGRITY_PACK, RuleCatalog, Severity } from '../policy/rules';
import { PolicyPack } from '../policy/pack';
import { MAX_SIDECAR_BYTES } from '../sidecar/store';
import { includesSorted } from '../sorted';
import { sharedTurns } from '../workspace/scan';
import { keptIn } from '../memo';
import { unreadableReason } from '../errors';
import { CONFIG_FILE_NAME } from '../fileNames';

export { CONFIG_FILE_NAME, ProjectConfig };

/**
 * A configuration or pack file that does not validate, or a pack that was not loaded: reported at
 * its position, never silently ignored. The message says what is left out because of it.
 */
export interface ConfigProblem extends JsonProblem {
  file: string;
  /** `warning`: nothing is wrong with the file, but it was not (fully) applied here, e.g. without workspace trust. */
  severity: 'error' | 'warning';
}

/** Raised where configuration problems must stop the work (the CLI exits 2). */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(problems.map((p) => `${p.file}:${p.start.line}:${p.start.column}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

interface Layer {
  folder: string;
  config: ProjectConfig;
  /** The pack ids its `packs` list enables, custom pack files resolved to their ids. */
  packIds?: readonly string[];
}

/**
 * The configuration files of a production, applied like editor settings: the production root's
 * first, then each sub-folder's for the files below it; a deeper file's setting wins.
 */
export class ConfigCascade {
  private readonly layers: Layer[];
  /** Whether any layer sets a rule's severity, for all its files or through overrides: if none does, findings stand as found. */
  private readonly setsSeverities: boolean;
  /** Whether any layer has `include` or `exclude`: if none does, no file is left out. */
  private readonly filtersFiles: boolean;
  private readonly packSets = new Map<Layer, ReadonlySet<string>>();

  constructor(
    readonly root: string,
    layers: Layer[],
    readonly problems: ConfigProblem[] = [],
    /** The rules that can fire here: built-in ones and those of the custom packs loaded. */
    readonly catalog: RuleCatalog = RuleCatalog.builtIn,
    /** Every custom pack file the configuration names, read or not (an editor watches them). */
    readonly packFiles: readonly string[] = [],
    /**
     * What it was made from (each configuration and pack file read, with its text, and whether
     * packs could be loaded): cascades made from the same source are the same.
     */
    readonly source = '',
  ) {
    this.layers = [...layers].sort((a, b) => a.folder.length - b.folder.length);
    this.setsSeverities = this.layers.some(({ config }) => config.rules !== undefined || (config.overrides?.length ?? 0) > 0);
    this.filtersFiles = this.layers.some(({ config }) => config.include !== undefined || config.exclude !== undefined);
  }

  static empty(root: string): ConfigCascade {
    return new ConfigCascade(root, []);
  }

  /** The production's own configuration (the root's file). */
  get rootConfig(): ProjectConfig {
    return this.layers.find((l) => l.folder === this.root)?.config ?? {};
  }

  private layersFor(file: string): Layer[] {
    return this.layers.filter((l) => isAtOrUnder(file, l.folder));
  }

  /** The guideline packs that apply to a file: the deepest `packs` list above it, or the default. */
  packsFor(file: string): ReadonlySet<string> {
    const chosen = this.layersFor(file)
      .filter((l) => l.packIds)
      .pop();
    if (!chosen) return DEFAULT_PACKS;
    // One set per layer: evaluations are remembered per pack set, by identity.
    return keptIn(this.packSets, chosen, () => new Set(chosen.packIds));
  }

  /** Is a file left out of checking by an `include` or `exclude` above it? */
  isExcluded(file: string): boolean {
    if (!this.filtersFiles) return false;
    return this.layersFor(file).some(
      ({ folder, config }) =>
        (config.exclude && globsCover(config.exclude, folder, file)) || (config.include && !globsCover(config.include, folder, file)),
    );
  }

  /** The severity a rule has for a file, after every layer's `rules` and matching `overrides`. */
  severityFor(rule: Finding['rule'], file: string, found: Severity): SeverityOrOff {
    let severity: SeverityOrOff = found;
    for (const { folder, config } of this.layersFor(file)) {
      severity = config.rules?.[rule] ?? severity;
      for (const override of config.overrides ?? []) {
        if (globsCover(override.files, folder, file)) severity = override.rules[rule] ?? severity;
      }
    }
    return severity;
  }

  /** Applies the configured severities to findings; rules turned off drop out. */
  settle(findings: Finding[]): Finding[] {
    if (!this.setsSeverities) return findings;
    const settled: Finding[] = [];
    for (const finding of findings) {
      // A finding placed on a sidecar is about the file the sidecar describes.
      const about = isSidecarPath(finding.file) ? subjectPathOf(finding.file) : finding.file;
      const severity = this.severityFor(finding.rule, about, finding.severity);
      if (severity !== 'off') settled.push(severity === finding.severity ? finding : { ...finding, severity });
    }
    return settled;
  }
}

/** Said of every problem that keeps a configuration file from being applied. */
const NOT_APPLIED = ' (this file is not applied until it is fixed)';
const START = { line: 1, column: 1 };

/** A file that was not read at all: its problem stands at its start. */
function problemAtStart(file: string, message: string): ConfigProblem {
  return { file, severity: 'error', start: START, end: START, message };
}

export interface ConfigLoadOptions {
  /**
   * Whether custom pack files may be read. The editor passes false in an untrusted workspace: a
   * pack decides what is reported as compliant, so one from an unknown source is not applied.
   */
  loadCustomPacks?: boolean;
}

/**
 * A configuration file's text read and checked, as the check and the setup read it. A setting
 * spelled a slip away from one this release reads is a problem: what it meant would be silently
 * left out (a pack not checked, a studio missing from the report). Other keys are kept.
 */
export function parseProjectConfig(text: string): ValidatedJson<ProjectConfig> {
  return parseValidatedJson(text, ProjectConfig, {
    postcheck: (value, locate) =>
      misspelledKeys(ProjectConfig, value).map(({ path, meant, into }) => ({
        message:
          into === undefined
            ? `"${formatPath(path)}" is not a setting AI Disclosure reads; did you mean "${meant}"?`
            : `"${formatPath(path)}" is a setting of "${into}": write it inside "${into}", as "${formatPath([...path.slice(0, -1), into, meant])}"`,
        ...locate(keyPlace(path)),
        ...keyFix(path, meant, into),
      })),
  });
}

/**
 * Reads every `.aidisclosure.json` among `files` (a scan of the production) and the custom pack
 * files they name. Problems are returned, not thrown; a file with problems is not applied.
 */
export async function loadConfigCascade(
  fs: FileSystem,
  root: string,
  files: readonly string[],
  options: ConfigLoadOptions = {},
): Promise<ConfigCascade> {
  const problems: ConfigProblem[] = [];
  const parsed: (Layer & { file: string; locate: Locate })[] = [];
  const loadCustomPacks = options.loadCustomPacks ?? true;
  const source = [`custom packs: ${loadCustomPacks}`];
  for (const file of await configFilesAmong(files)) {
    let text: string;
    try {
      const size = (await fs.stat(file))?.size ?? 0;
      if (size > MAX_SIDECAR_BYTES) {
        source.push(`${file}\u0000(${size} bytes, not read)`);
        problems.push(
          problemAtStart(
            file,
            `the configuration is ${megabytes(size)}; configuration files are read up to ${megabytes(MAX_SIDECAR_BYTES)}${NOT_APPLIED}`,
          ),
        );
        continue;
      }
      text = await readText(fs, file);
    } catch (error) {
      const reason = unreadableReason(error);
      if (reason === undefined) throw error;
      source.push(`${file}\u0000(unreadable)`);
      problems.push(problemAtStart(file, `the configuration could not be read: ${reason}${NOT_APPLIED}`));
      continue;
    }
    source.push(`${file}\u0000${text}`);
    const result = parseProjectConfig(text);
    if (result.ok) parsed.push({ folder: posixPath.dirname(file), config: result.value, file, locate: result.locate });
    else problems.push(...result.problems.map((p) => ({ ...p, file, severity: 'error' as const, message: `${p.message}${NOT_APPLIED}` })));
  }

  const packs = new PackLoader(fs, root, files, loadCustomPacks, problems, source);
  for (const layer of parsed) {
    if (!layer.config.packs) continue;
    const ids: string[] = [];
    for (const [index, entry] of layer.config.packs.entries()) {
      if (BUILT_IN_PACK_IDS.includes(entry)) ids.push(entry);
      else {
        const pack = await packs.load(entry, layer.folder, () => ({ file: layer.file, ...layer.locate(['packs', index]) }));
        if (pack) ids.push(pack.id);
      }
    }
    layer.packIds = ids;
  }
  const catalog = packs.loaded.length > 0 ? new RuleCatalog(packs.loaded) : RuleCatalog.builtIn;

  // Severities for rules nobody defines are typing mistakes; said only when every pack named was
  // read, since an unread pack's rules are unknown.
  const layers = packs.allLoaded ? parsed.filter((layer) => unknownRuleProblems(layer, catalog, problems) === 0) : parsed;
  return new ConfigCascade(root, layers, problems, catalog, packs.named, source.join('\u0001'));
}

/**
 * The configuration files among a production's files, in order. A hundred thousand files are
 * looked at in a loop that may pause (every thousand, with the check's turn budget).
 */
async function configFilesAmong(files: readonly string[]): Promise<string[]> {
  const suffix = `/${CONFIG_FILE_NAME}`;
  const found: string[] = [];
  for (let i = 0; i < files.length; i++) {
    // After each thousand, not before the first: a short list (an open file's folders) never waits a turn.
    if (i % 1024 === 1023) for (let wait = sharedTurns.due(); wait; wait = sharedTurns.due()) await wait;
    // endsWith, not basename: every file of the production.
    if (files[i].endsWith(suffix)) found.push(files[i]);
  }
  return found.sort();
}

function unknownRuleProblems(
  { config, file, locate }: Layer & { file: string; locate: Locate },
  catalog: RuleCatalog,
  problems: ConfigProblem[],
): number {
  const settings: [JsonPath, Record<string, unknown>][] = [
    [['rules'], config.rules ?? {}],
    ...(config.overrides ?? []).map((o, i): [JsonPath, Record<string, unknown>] => [['overrides', i, 'rules'], o.rules]),
  ];
  let count = 0;
  for (const [prefix, rules] of settings) {
    for (const id of Object.keys(rules)) {
      if (catalog.find(id)) continue;
      count++;
      const path = [...prefix, id];
      const meant = catalog.closestId(id);
      problems.push({
        file,
        severity: 'error',
        message: `unknown rule id "${id}" (not built in, nor in a custom pack named here)${meant === undefined ? '' : `; did you mean "${meant}"?`}${NOT_APPLIED}`,
        ...locate(keyPlace(path)),
        ...(meant === undefined ? {} : keyFix(path, meant, undefined)),
      });
    }
  }
  return count;
}

/** Reads custom pack files once each, refusing any outside the production or clashing with known ids. */
class PackLoader {
  readonly loaded: CustomPack[] = [];
  allLoaded = true;
  private readonly byFile = new Map<string, Promise<PolicyPack | undefined | 'missing'>>();
  readonly named: string[] = [];

  constructor(
    private readonly fs: FileSystem,
    private readonly root: string,
    /** The production's regular files, sorted (the scan follows no symbolic links). */
    private readonly files: readonly string[],
    private readonly allowed: boolean,
    private readonly problems: ConfigProblem[],
    /** Each pack file read is added, with its text (see ConfigCascade.source). */
    private readonly source: string[],
  ) {}

  async load(entry: string, folder: string, at: () => Omit<ConfigProblem, 'message' | 'severity'>): Promise<PolicyPack | undefined> {
    const file = posixPath.resolve(folder, entry);
    if (!this.named.includes(file)) this.named.push(file);
    const refuse = (message: string, severity: ConfigProblem['severity'] = 'error') => {
      this.allLoaded = false;
      this.problems.push({ ...at(), severity, message: `${message}; its rules are not checked` });
      return undefined;
    };
    if (posixPath.isAbsolute(entry) || !file.startsWith(`${this.root}/`))
      return refuse(`custom pack "${entry}" is outside the production folder`);
    // A symbolic link could lead anywhere: only regular files the scan found are read.
    if (!includesSorted(this.files, file)) {
      const there = await this.fs.stat(file).catch(() => undefined);
      if (!there) return refuse(`custom pack file "${entry}" does not exist`);
      if (there.type === 'directory') return refuse(`custom pack "${entry}" is a folder, not a pack file`);
      return refuse(`custom pack "${entry}" is not a regular file (a symbolic link, which is not followed, or a FIFO, device or socket)`);
    }
    if (!this.allowed) return refuse(`custom pack "${entry}" is not loaded because this workspace is not trusted`, 'warning');
    const pack = await keptIn(this.byFile, file, () => this.read(file));
    if (pack === 'missing') return refuse(`custom pack file "${entry}" does not exist`);
    if (!pack) this.allLoaded = false;
    return pack;
  }

  /** The pack, `undefined` when it has problems (reported in the pack file), or `missing`. */
  private async read(file: string): Promise<PolicyPack | undefined | 'missing'> {
    let bytes: Uint8Array | undefined;
    try {
      bytes = await readFileIfPresent(this.fs, file, MAX_SIDECAR_BYTES);
    } catch (error) {
      if (!(error instanceof FileTooLargeError)) throw error;
      this.source.push(`${file}\u0000(${error.size} bytes, not read)`);
      this.problems.push(
        problemAtStart(
          file,
          `the pack file is ${megabytes(error.size)}; packs are read up to ${megabytes(MAX_SIDECAR_BYTES)} (this pack is not loaded)`,
        ),
      );
      return undefined;
    }
    if (!bytes) {
      this.source.push(`${file}\u0000(missing)`);
      return 'missing';
    }
    const text = new TextDecoder().decode(bytes);
    this.source.push(`${file}\u0000${text}`);
    const result = parseValidatedJson(text, PolicyPack);
    const fail = (problems: JsonProblem[]) => {
      this.problems.push(
        ...problems.map((p) => ({
          ...p,
          file,
          severity: 'error' as const,
          message: `${p.message} (this pack is not loaded until it is fixed)`,
        })),
      );
      return undefined;
    };
    if (!result.ok) return fail(result.problems);
    const pack = result.value;
    const known = new RuleCatalog(this.loaded);
    if (known.packs.some((p) => p.id === pack.id) || pack.id === INTEGRITY_PACK.id)
      return fail([{ message: `pack id "${pack.id}" is already taken`, ...result.locate(['id']) }]);
    const clashes = pack.rules.flatMap((rule, i) =>
      known.find(rule.id)
        ? [
            {
              message: `rule id "${rule.id}" is already defined by the "${known.get(rule.id).pack}" pack`,
              ...result.locate(['rules', i, 'id']),
            },
          ]
        : [],
    );
    if (clashes.length > 0) return fail(clashes);
    this.loaded.push({ pack, file });
    return pack;
  }
}
