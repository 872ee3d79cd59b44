import * as path from 'node:path';
import { z } from 'zod';
import { FileSystem, readText } from '../fs/fileSystem';
import { JsonProblem, parseValidatedJson } from '../json/validatedJson';

/** The production's own settings, shared by the CLI and the extension; sits at the production root. */
export const CONFIG_FILE_NAME = '.aidisclosure.json';

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
      .describe('Who the disclosure report is from and for'),
  })
  .describe('AI Disclosure project configuration');

export type ProjectConfig = z.infer<typeof ProjectConfig>;

export interface LoadedConfig {
  config: ProjectConfig;
  /** The file read, when there is one. */
  file?: string;
}

/** Raised for a configuration file that does not validate: never a silent fallback to defaults. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: JsonProblem[],
  ) {
    super(problems.map((p) => `${file}:${p.start.line}:${p.start.column}: ${p.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

/** Reads `.aidisclosure.json` at the production root; no file is an empty configuration. */
export async function loadProjectConfig(fs: FileSystem, root: string): Promise<LoadedConfig> {
  const file = path.posix.join(root, CONFIG_FILE_NAME);
  const stat = await fs.stat(file);
  if (!stat || stat.type !== 'file') return { config: {} };
  const result = parseValidatedJson(await readText(fs, file), ProjectConfig);
  if (!result.ok) throw new ConfigError(file, result.problems);
  return { config: result.value, file };
}
