import * as z from './json/zod';
import { ProjectConfig } from './config/config';
import { PolicyPack } from './policy/pack';
import { RULES, ruleDocsPath } from './policy/rules';
import { DisclosureReport } from './report/schema';
import { isNotBlank, Sidecar, sidecarJsonSchema, staysInsideFolder } from './sidecar/schema';
import { validatorSource } from './json/validatorSource';

/** Paths of the JSON Schemas, relative to the package root (the first two go to `jsonValidation`). */
export const SIDECAR_SCHEMA_PATH = 'schemas/ai-sidecar.schema.json';
export const CONFIG_SCHEMA_PATH = 'schemas/aidisclosure-config.schema.json';
export const REPORT_SCHEMA_PATH = 'schemas/disclosure-report.schema.json';
export const PACK_SCHEMA_PATH = 'schemas/policy-pack.schema.json';
/** The sidecar's validator, generated from its schema so no process generates it at run time. */
export const SIDECAR_VALIDATOR_PATH = 'src/core/sidecar/sidecarValidator.generated.ts';

function jsonSchema(schema: z.ZodMiniType, title: string): string {
  return JSON.stringify({ ...(z.toJSONSchema(schema, { io: 'input', target: 'draft-7' }) as object), title }, null, 2) + '\n';
}

/**
 * Files generated from the core's single sources (the zod schema, the rule registry). They are
 * committed so people can read them on the web; a unit test fails when they drift.
 */
export function generatedFiles(): Record<string, string> {
  const files: Record<string, string> = {
    [SIDECAR_SCHEMA_PATH]: JSON.stringify(sidecarJsonSchema(), null, 2) + '\n',
    [CONFIG_SCHEMA_PATH]: jsonSchema(ProjectConfig, 'AI Disclosure project configuration (.aidisclosure.json)'),
    [REPORT_SCHEMA_PATH]: jsonSchema(DisclosureReport, 'AI Disclosure report, JSON format (report version 1)'),
    [PACK_SCHEMA_PATH]: jsonSchema(PolicyPack, 'AI Disclosure policy pack'),
    [SIDECAR_VALIDATOR_PATH]: validatorSource(Sidecar, {
      name: 'isValidSidecar',
      source: 'src/core/sidecar/schema.ts',
      refinements: { byName: { isNotBlank, staysInsideFolder }, from: './schema' },
    }),
  };
  for (const rule of RULES) {
    files[ruleDocsPath(rule.id)] = [
      `# ${rule.id}: ${rule.title}`,
      '',
      `<!-- Generated from src/core/policy/rules.ts by "npm run generate". Edit the registry, not this page. -->`,
      '',
      `| | |`,
      `| --- | --- |`,
      `| Family | ${rule.family} |`,
      `| Default severity | ${rule.defaultSeverity} |`,
      `| Settled by written approval | ${rule.clearedByApproval ? 'yes: the use stays in the report, the warning goes' : 'no'} |`,
      `| Source | ${rule.source} |`,
      '',
      '## What the guideline says',
      '',
      rule.guideline,
      '',
      '## What to do',
      '',
      rule.remedy,
      '',
      ...(rule.family === 'integrity' ? integrityRuleSettings(rule.id) : suppressionForOneUse(rule.id)),
    ].join('\n');
  }
  return files;
}

function suppressionForOneUse(id: string): string[] {
  return [
    '## Suppressing it for one use',
    '',
    'Add to the use in its sidecar, with a reason that will appear in the disclosure report:',
    '',
    '```json',
    `"suppressions": [{ "rule": "${id}", "reason": "…" }]`,
    '```',
    '',
  ];
}

/** A use's suppressions settle only guideline findings: an integrity finding is about the record itself. */
function integrityRuleSettings(id: string): string[] {
  return [
    '## Changing its severity',
    '',
    'It is about the record itself, so a use cannot suppress it. A production can change its severity, or turn it',
    'off, in `.aidisclosure.json` (for some folders only, with `overrides`):',
    '',
    '```json',
    `"rules": { "${id}": "off" }`,
    '```',
    '',
  ];
}
