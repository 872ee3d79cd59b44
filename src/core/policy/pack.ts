import * as z from '../json/zod';
import { described } from '../json/zod';
import { Condition, FieldPath } from './conditions';
import { SEVERITIES } from './severity';
import { RuleIdText } from '../sidecar/schema';

// Schemas built at first use, not at load (see sidecar/schema.ts).
const SeverityEnum = z.lazy(() => z.enum(SEVERITIES as unknown as ['error', 'warning', 'information', 'hint']));
const Text = () => z.string().check(z.minLength(1));

/** One way a rule fires: the first case whose condition a use meets gives the finding. */
export const RuleCase = z.lazy(() =>
  z.strictObject({
    when: Condition,
    message: described(Text(), "Template: {name} (the use's title, or its id), {id}, {tool.name}, {path|quoted}, {path|words}"),
    field: described(FieldPath, 'The sidecar field the finding points at'),
    severity: described(z.optional(SeverityEnum), "Overrides the rule's default severity for this case"),
  }),
);

/** A guideline rule as data: what it says, when it fires, and what to do. */
export const PackRule = z.lazy(() =>
  z.strictObject({
    id: RuleIdText,
    title: Text(),
    defaultSeverity: SeverityEnum,
    clearedByApproval: described(z.boolean(), 'Does recorded written approval settle it?'),
    guideline: Text(),
    remedy: Text(),
    source: Text(),
    cases: z.array(RuleCase).check(z.minLength(1)),
    unless: described(z.optional(Condition), 'An exemption: the rule does not fire for a use that meets it'),
    docs: described(
      z.optional(z.url({ protocol: /^https$/, error: 'an https:// address' })),
      'A page explaining the rule (custom packs; built-in rules have a page in docs/rules)',
    ),
  }),
);

export const PolicyPack = z.lazy(() =>
  z.strictObject({
    id: z.string().check(z.regex(/^[a-z][a-z0-9-]*$/)),
    description: z.optional(z.string()),
    title: Text(),
    version: Text(),
    rules: z.array(PackRule).check(z.minLength(1)),
  }),
);

export type PolicyPack = z.infer<typeof PolicyPack>;
export type PackRule = z.infer<typeof PackRule>;

/**
 * A pack that ships with the extension. Its shape is checked by the compiler and its content by a
 * unit test against `PolicyPack` (packs.test.ts), so loading the extension does not validate it
 * again: that would cost every start a zod validation of every built-in rule.
 */
export function builtInPack<const T extends PolicyPack>(pack: T): PolicyPack {
  return pack;
}
