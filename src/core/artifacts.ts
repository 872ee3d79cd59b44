import { RULES, ruleDocsPath } from './policy/rules';
import { sidecarJsonSchema } from './sidecar/schema';

/** Path of the JSON Schema contributed through `jsonValidation`, relative to the package root. */
export const SIDECAR_SCHEMA_PATH = 'schemas/ai-sidecar.schema.json';

/**
 * Files generated from the core's single sources (the zod schema, the rule registry). They are
 * committed so people can read them on the web; a unit test fails when they drift.
 */
export function generatedFiles(): Record<string, string> {
  const files: Record<string, string> = {
    [SIDECAR_SCHEMA_PATH]: JSON.stringify(sidecarJsonSchema(), null, 2) + '\n',
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
      '## Suppressing it for one use',
      '',
      'Add to the use in its sidecar, with a reason that will appear in the disclosure report:',
      '',
      '```json',
      `"suppressions": [{ "rule": "${rule.id}", "reason": "…" }]`,
      '```',
      '',
    ].join('\n');
  }
  return files;
}
