import { BuiltInRuleId, RuleId } from '../sidecar/schema';

import { PackRule, PolicyPack } from './pack';
import { STUDIO_PACK, STUDIO_SOURCE } from './packs/studio';
import { DOCUMENTARY_PACK } from './packs/documentary';
import { UNION_PACK } from './packs/union';
import { EU_AI_ACT_PACK } from './packs/euAiAct';
import { Severity } from './severity';
import { closestKey } from '../json/misspelledKeys';

export { SEVERITIES } from './severity';
export type { Severity } from './severity';

/** What a rule is about: a studio guideline, or the integrity of the record itself. */
export type RuleFamily = 'guideline' | 'integrity';

/** Everything a person needs to understand a finding, held as data (hovers, docs, reports). */
export interface RuleDefinition {
  id: RuleId;
  title: string;
  family: RuleFamily;
  defaultSeverity: Severity;
  /** True when recorded written approval settles it (the use stays in the report). */
  clearedByApproval: boolean;
  /** What the guideline or agreement says, in our words. */
  guideline: string;
  /** What the use has to do. */
  remedy: string;
  /** Which guideline or agreement the rule comes from. */
  source: string;
  /** The pack it belongs to; a production switches packs on in its configuration. */
  pack: string;
  /** For guideline rules from a pack: when it fires (the engine's own rules have none). */
  cases?: PackRule['cases'];
  /** For pack rules: an exemption; the rule does not fire for a use that meets it. */
  unless?: PackRule['unless'];
  /** A custom rule's own explanation page (built-in rules have theirs in docs/rules). */
  docs?: string;
  /** The pack file a custom rule was read from (production path). */
  packFile?: string;
}

/** The record-integrity rules, always on, named with a version in reports like a pack. */
export const INTEGRITY_PACK = { id: 'integrity', title: 'AI Disclosure record integrity', version: '1' } as const;

/** The built-in packs, in the order their rules appear in reports and docs. */
export const BUILT_IN_PACKS: readonly PolicyPack[] = [STUDIO_PACK, DOCUMENTARY_PACK, UNION_PACK, EU_AI_ACT_PACK];
export const PACK_IDS = ['studio', 'documentary', 'union', 'eu-ai-act'] as const;
/** What a production gets without saying otherwise. */
export const DEFAULT_PACKS: ReadonlySet<string> = new Set(['studio']);

/** A pack rule as the registry holds it: the same facts, plus the cases that make it fire. */
function fromPack(pack: PolicyPack, rule: PackRule, packFile?: string): RuleDefinition {
  return { ...rule, family: 'guideline', pack: pack.id, ...(packFile ? { packFile } : {}) };
}

/** The rule catalogue. Order is the order rules appear in reports and docs. */
export const RULES: readonly RuleDefinition[] = [
  ...STUDIO_PACK.rules.map((rule) => fromPack(STUDIO_PACK, rule)),
  {
    id: 'approval-denied',
    pack: 'studio',
    title: 'Written approval was denied',
    family: 'guideline',
    defaultSeverity: 'error',
    clearedByApproval: false,
    guideline: 'A use the studio has declined must not go ahead.',
    remedy: 'Remove the generated material and this use, or change the use and ask again.',
    source: STUDIO_SOURCE,
  },
  {
    id: 'notify-contact',
    pack: 'studio',
    title: 'Tell the studio contact',
    family: 'guideline',
    defaultSeverity: 'information',
    clearedByApproval: false,
    guideline: 'A use that is within every guideline only needs to be reported to the studio contact.',
    remedy: 'Tell the studio contact about this use and record the date.',
    source: `${STUDIO_SOURCE}, escalation`,
  },
  ...[DOCUMENTARY_PACK, UNION_PACK, EU_AI_ACT_PACK].flatMap((pack) => pack.rules.map((rule) => fromPack(pack, rule))),
  {
    id: 'invalid-sidecar',
    pack: 'integrity',
    title: 'Sidecar does not validate',
    family: 'integrity',
    defaultSeverity: 'error',
    clearedByApproval: false,
    guideline: 'Every sidecar must be valid format-version-1 JSON, or the uses it records cannot be checked or reported.',
    remedy: 'Fix the JSON at the position shown. AI Disclosure never overwrites a sidecar that does not validate.',
    source: 'AI Disclosure sidecar format v1',
  },
  {
    id: 'orphaned-tag',
    pack: 'integrity',
    title: 'Tagged passage not found',
    family: 'integrity',
    defaultSeverity: 'warning',
    clearedByApproval: false,
    guideline: 'A tag on a script passage must point at words that are still in the script.',
    remedy: 'Re-attach the tag to the passage where it now is, or remove the use if the passage was cut.',
    source: 'AI Disclosure record integrity',
  },
  {
    id: 'stale-asset',
    pack: 'integrity',
    title: 'Asset changed since it was tagged',
    family: 'integrity',
    defaultSeverity: 'warning',
    clearedByApproval: false,
    guideline: 'A tagged asset whose content changed after tagging needs its record reviewed.',
    remedy: 'Review the use against the new file and re-confirm the tag, which records the new hash.',
    source: 'AI Disclosure record integrity',
  },
  {
    id: 'missing-subject',
    pack: 'integrity',
    title: 'Tagged file is missing',
    family: 'integrity',
    defaultSeverity: 'warning',
    clearedByApproval: false,
    guideline: 'A sidecar must sit beside the file it describes.',
    remedy: 'Move the sidecar along with a renamed file, or delete it if the file was removed.',
    source: 'AI Disclosure record integrity',
  },
  {
    id: 'undeclared-ai-asset',
    pack: 'integrity',
    title: 'AI-generated asset with no recorded use',
    family: 'integrity',
    defaultSeverity: 'warning',
    clearedByApproval: false,
    guideline: 'Every asset whose embedded provenance says it was made with generative AI must have a recorded use.',
    remedy: 'Tag the asset, with the tool named in its metadata.',
    source: 'IPTC Digital Source Type; C2PA',
  },
  {
    id: 'file-too-large',
    pack: 'integrity',
    title: 'File too large to check',
    family: 'integrity',
    defaultSeverity: 'warning',
    clearedByApproval: false,
    guideline:
      'AI Disclosure reads scripts up to a size limit so that a stray huge file cannot exhaust memory; the tags of a larger one cannot be placed.',
    remedy: 'Split the script (one file per episode or act), or check whether the file is really a script.',
    source: 'AI Disclosure limits',
  },
  {
    id: 'unreadable-file',
    pack: 'integrity',
    title: 'File or folder that could not be read',
    family: 'integrity',
    defaultSeverity: 'error',
    clearedByApproval: false,
    guideline:
      'A disclosure can only vouch for what was read. A folder that cannot be listed, or a sidecar, script or tagged asset that cannot be read (no permission, a path too long, a FIFO or device where a file should be, text that is not UTF-8), is reported where it is, and the rest of the production is still checked.',
    remedy:
      'Give the account that runs AI Disclosure read access, replace the special file with a regular one, shorten the path, or re-save the text as UTF-8; then check again.',
    source: 'AI Disclosure integrity',
  },
  {
    id: 'misspelled-field',
    pack: 'integrity',
    title: 'Field name that looks misspelled or misplaced',
    family: 'integrity',
    defaultSeverity: 'warning',
    clearedByApproval: false,
    guideline:
      'A sidecar keeps every field as written, its own notes included, but reads only the fields of its format, each where the format puts it: one spelled a letter or two away from a field of the format ("aproval" for "approval"), or written beside the object it belongs in ("vendor" beside "tool" rather than inside it), is most likely that field, and the use is checked as if it were not there.',
    remedy:
      "Rename the field as the format spells it, or move it inside the object the message names. A field of your own that only looks like one of the format's can keep its name: give this rule a lower severity in the configuration.",
    source: 'AI Disclosure sidecar format v1',
  },
  {
    id: 'unknown-rule',
    pack: 'integrity',
    title: 'Suppression of a rule not checked here',
    family: 'integrity',
    defaultSeverity: 'warning',
    clearedByApproval: false,
    guideline:
      'A suppression takes one rule off one use, by the rule\'s id. An id no rule checked here has (a slip, "notify-contacts" for "notify-contact", or a rule of a custom pack this folder\'s configuration does not name) takes nothing off: the findings it was written for still show, and the suppression and its reason sit in the record doing nothing.',
    remedy:
      "Correct the id to the rule's (the message names the one it looks like), name the custom pack in the configuration, or remove the suppression.",
    source: 'AI Disclosure sidecar format v1',
  },
];

/** A production's own policy pack, read from the file its configuration names. */
export interface CustomPack {
  pack: PolicyPack;
  /** Production path of the pack file. */
  file: string;
}

/**
 * The rules a production is checked against: the built-in catalogue plus the custom packs its
 * configuration loads. Custom rules come after the built-in ones, pack by pack.
 */
export class RuleCatalog {
  static readonly builtIn = new RuleCatalog([]);

  readonly rules: readonly RuleDefinition[];
  /** Every pack a rule here can come from, as reports name them (integrity last). */
  readonly packs: readonly { id: string; title: string; version: string; file?: string }[];
  private readonly byId: ReadonlyMap<RuleId, RuleDefinition>;

  constructor(readonly custom: readonly CustomPack[]) {
    this.rules = [...RULES, ...custom.flatMap(({ pack, file }) => pack.rules.map((rule) => fromPack(pack, rule, file)))];
    this.packs = [
      ...BUILT_IN_PACKS.map(({ id, title, version }) => ({ id, title, version })),
      ...custom.map(({ pack: { id, title, version }, file }) => ({ id, title, version, file })),
      INTEGRITY_PACK,
    ];
    this.byId = new Map(this.rules.map((rule) => [rule.id, rule]));
  }

  find(id: RuleId): RuleDefinition | undefined {
    return this.byId.get(id);
  }

  /** The id of a rule here that `id` is a slip for ("notify-contacts" for "notify-contact"), or `undefined`. */
  closestId(id: string): RuleId | undefined {
    return closestKey(id, this.byId.keys());
  }

  get(id: RuleId): RuleDefinition {
    const rule = this.byId.get(id);
    if (!rule) throw new Error(`unknown rule id "${id}"`);
    return rule;
  }

  /**
   * Whether every rule this catalogue shares with `other` is explained on the same page: then a
   * finding made under one is shown exactly as one made under the other (an editor keeps it).
   */
  explainsAlike(other: RuleCatalog): boolean {
    if (other === this) return true;
    let known = this.alikeWith.get(other);
    if (known === undefined) {
      known = this.rules.every((rule) => sameRulePage(rule, other.find(rule.id) ?? rule));
      this.alikeWith.set(other, known);
    }
    return known;
  }

  private readonly alikeWith = new WeakMap<RuleCatalog, boolean>();
}

/** Whether two definitions of a rule id link a finding to the same explanation. */
export function sameRulePage(a: RuleDefinition | undefined, b: RuleDefinition | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.id === b.id && a.docs === b.docs && a.packFile === b.packFile);
}

/** A built-in rule (the engine's own findings name these). */
export function ruleById(id: BuiltInRuleId): RuleDefinition {
  return RuleCatalog.builtIn.get(id);
}

/** Path of a built-in rule's documentation page, relative to the package root. */
export function ruleDocsPath(id: RuleId): string {
  return `docs/rules/${id}.md`;
}
