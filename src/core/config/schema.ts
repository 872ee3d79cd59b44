/** The production configuration's format (`.aidisclosure.json`): its JSON Schema is generated from it. */
import * as z from '../json/zod';
import { described } from '../json/zod';
import { closestKey } from '../json/misspelledKeys';
import { PACK_IDS } from '../policy/rules';
import { FolderGlob, RuleIdText } from '../sidecar/schema';

// Schemas built at first use, not at load (see sidecar/schema.ts).
const SeverityOrOff = z.lazy(() =>
  described(z.enum(['off', 'error', 'warning', 'information', 'hint']), 'A severity, or "off" to turn the rule off'),
);
const RuleSettings = z.lazy(() => described(z.record(RuleIdText, SeverityOrOff), 'Severity per rule id (built-in, or from a custom pack)'));
export const BUILT_IN_PACK_IDS: readonly string[] = PACK_IDS;
const PackEntry = z.lazy(() =>
  described(
    z.string().check(
      z.refine((entry) => BUILT_IN_PACK_IDS.includes(entry) || /\.json$/i.test(entry), {
        error: ({ input }) => {
          const meant = typeof input === 'string' ? closestKey(input, PACK_IDS) : undefined;
          const slip = meant === undefined ? '' : `; ${JSON.stringify(input)} looks like "${meant}"`;
          return `must be a built-in pack (${PACK_IDS.join(', ')}) or the path of a custom pack file ending in .json${slip}`;
        },
      }),
    ),
    `A built-in pack (${PACK_IDS.join(', ')}) or a custom pack file, relative to this file's folder`,
  ),
);
const Globs = z.array(FolderGlob);
const optionalText = (description: string) => described(z.optional(z.string()), description);

export const ProjectConfig = z.lazy(() =>
  described(
    z.looseObject({
      $schema: z.optional(z.string()),
      production: described(
        z.optional(
          z.looseObject({
            name: optionalText('Production title, as the report shows it'),
            studio: optionalText('The studio or network the production is made for'),
            contact: optionalText('Studio contact the report goes to'),
            preparer: optionalText('Who prepares the disclosure (name, role)'),
          }),
        ),
        'Who the disclosure report is from and for (read from the production root)',
      ),
      packs: described(
        z.optional(z.array(PackEntry)),
        'Guideline packs checked here (default ["studio"]); a sub-folder\'s list replaces its parent\'s',
      ),
      rules: z.optional(RuleSettings),
      overrides: described(
        z.optional(
          z.array(
            z.looseObject({
              files: described(Globs.check(z.minLength(1)), "minimatch globs, relative to this file's folder"),
              rules: RuleSettings,
            }),
          ),
        ),
        'Severities for the files some globs match; later entries win',
      ),
      include: described(z.optional(Globs), 'Only files these globs match are checked (relative to this folder)'),
      exclude: described(z.optional(Globs), 'Files these globs match are not checked (relative to this folder)'),
    }),
    "AI Disclosure project configuration; files in sub-folders refine their parents'",
  ),
);

export type ProjectConfig = z.infer<typeof ProjectConfig>;
export type SeverityOrOff = z.infer<typeof SeverityOrOff>;
