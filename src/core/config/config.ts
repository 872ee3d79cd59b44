import * as path from 'node:path';
import { z } from 'zod';
import { Finding } from '../findings';
import { FileSystem, readText } from '../fs/fileSystem';
import { JsonProblem, parseValidatedJson } from '../json/validatedJson';
import { globsCover, isSidecarPath, subjectPathOf } from '../sidecar/paths';
import { RULE_IDS } from '../sidecar/schema';
import { DEFAULT_PACKS, PACK_IDS, Severity } from '../policy/rules';

/** The production's own settings, shared by the CLI and the extension. One may sit in any folder. */
export const CONFIG_FILE_NAME = '.aidisclosure.json';

const SeverityOrOff = z.enum(['off', 'error', 'warning', 'information', 'hint']).describe('A severity, or "off" to turn the rule off');
const RuleSettings = z.partialRecord(z.enum(RULE_IDS), SeverityOrOff).describe('Severity per rule id');
const Globs = z.array(z.string().trim().min(1, 'must not be empty'));

export const ProjectConfig = z
  .looseObject({
    $schema: z.string().optional(),
    production: z
      .looseObject({
        name: z.string().optional().describe('Production title, as the report shows it'),
        contact: z.string().optional().describe('Studio contact the report goes to'),
        preparer: z.string().optional().describe('Who prepares the disclosure (name, role)'),
      })
      .optional()
      .describe('Who the disclosure report is from and for (read from the production root)'),
    packs: z
      .array(z.enum(PACK_IDS))
      .optional()
      .describe('Guideline packs checked here (default ["studio"]); a sub-folder\'s list replaces its parent\'s'),
    rules: RuleSettings.optional(),
    overrides: z
      .array(z.looseObject({ files: Globs.min(1).describe('minimatch globs, relative to this file\'s folder'), rules: RuleSettings }))
      .optional()
      .describe('Severities for the files some globs match; later entries win'),
    include: Globs.optional().describe('Only files these globs match are checked (relative to this folder)'),
    exclude: Globs.optional().describe('Files these globs match are not checked (relative to this folder)'),
  })
  .describe('AI Disclosure project configuration; files in sub-folders refine their parents\'');

export type ProjectConfig = z.infer<typeof ProjectConfig>;
type SeverityOrOff = z.infer<typeof SeverityOrOff>;

/** A configuration file that does not validate: reported at its positions, never silently ignored. */
export interface ConfigProblem extends JsonProblem {
  file: string;
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
}

/**
 * The configuration files of a production, applied like editor settings: the production root's
 * first, then each sub-folder's for the files below it; a deeper file's setting wins.
 */
export class ConfigCascade {
  private readonly layers: Layer[];

  constructor(
    readonly root: string,
    layers: Layer[],
    readonly problems: ConfigProblem[] = [],
  ) {
    this.layers = [...layers].sort((a, b) => a.folder.length - b.folder.length);
  }

  static empty(root: string): ConfigCascade {
    return new ConfigCascade(root, []);
  }

  /** The production's own configuration (the root's file). */
  get rootConfig(): ProjectConfig {
    return this.layers.find((l) => l.folder === this.root)?.config ?? {};
  }

  private layersFor(file: string): Layer[] {
    return this.layers.filter((l) => file === l.folder || file.startsWith(`${l.folder}/`));
  }

  /** The guideline packs that apply to a file: the deepest `packs` list above it, or the default. */
  packsFor(file: string): ReadonlySet<string> {
    const chosen = this.layersFor(file).filter((l) => l.config.packs).pop()?.config.packs;
    return chosen ? new Set(chosen) : DEFAULT_PACKS;
  }

  /** Is a file left out of checking by an `include` or `exclude` above it? */
  isExcluded(file: string): boolean {
    return this.layersFor(file).some(
      ({ folder, config }) => (config.exclude && globsCover(config.exclude, folder, file)) || (config.include && !globsCover(config.include, folder, file)),
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
    if (this.layers.length === 0) return findings;
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

/** Reads every `.aidisclosure.json` among `files` (a scan of the production). Problems are returned, not thrown. */
export async function loadConfigCascade(fs: FileSystem, root: string, files: readonly string[]): Promise<ConfigCascade> {
  const layers: Layer[] = [];
  const problems: ConfigProblem[] = [];
  for (const file of files.filter((f) => path.posix.basename(f) === CONFIG_FILE_NAME).sort()) {
    const result = parseValidatedJson(await readText(fs, file), ProjectConfig);
    if (result.ok) layers.push({ folder: path.posix.dirname(file), config: result.value });
    else problems.push(...result.problems.map((p) => ({ ...p, file })));
  }
  return new ConfigCascade(root, layers, problems);
}
