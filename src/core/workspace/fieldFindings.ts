import { Finding, Location } from '../findings';
import { formatPath, JsonPath } from '../json/validatedJson';
import { KeyFix, keyFix, keyPlace, misspelledKeys } from '../json/misspelledKeys';
import { keptIn } from '../memo';
import { RuleCatalog, ruleById } from '../policy/rules';
import { ParsedSidecar } from '../sidecar/parse';
import { Sidecar, useName } from '../sidecar/schema';

/** What the fields of a sidecar say of themselves, whatever they record: keys not read, suppressions of no rule. */
export function fieldFindings(parsed: ParsedSidecar, sidecarPath: string, at: (p: JsonPath) => Location, catalog: RuleCatalog): Finding[] {
  // A newer release's sidecar may hold fields, and name rules, this release does not know yet.
  if (parsed.newerFormat !== undefined) return [];
  return [...misspelledFieldFindings(parsed, sidecarPath, at), ...unknownRuleFindings(parsed, sidecarPath, at, catalog)];
}

/**
 * Suppressions naming a rule not checked here: they take nothing off, so the findings they were
 * written for still show, with nothing to say why.
 */
function unknownRuleFindings(parsed: ParsedSidecar, sidecarPath: string, at: (p: JsonPath) => Location, catalog: RuleCatalog): Finding[] {
  const findings: Finding[] = [];
  for (const [index, use] of parsed.sidecar.uses.entries())
    for (const [position, { rule }] of use.suppressions.entries()) {
      if (catalog.find(rule)) continue;
      const meant = catalog.closestId(rule);
      findings.push({
        ...at(['uses', index, 'suppressions', position, 'rule']),
        rule: 'unknown-rule',
        severity: ruleById('unknown-rule').defaultSeverity,
        message: `AI use "${useName(use)}" suppresses "${rule}", which is not a rule checked here${meant === undefined ? '' : `; did you mean "${meant}"?`} The suppression takes nothing off`,
        useId: use.id,
        useName: useName(use),
        sidecar: sidecarPath,
        related: [],
        suppressed: meant === undefined ? { rule } : { rule, meant },
      });
    }
  return findings;
}

/**
 * The slips each parsed sidecar holds: the editor re-checks a script's sidecar, parsed once while
 * its bytes stay the same, on every keystroke in the script, and need not walk it every time.
 */
const misspelledIn = new WeakMap<Sidecar, KeyFix[]>();

/**
 * Keys that look like slips for a field of the format ("aproval"): kept as written, as every key
 * is, but not read, so the use is checked as if the field were not there; said where they are.
 */
function misspelledFieldFindings(parsed: ParsedSidecar, sidecarPath: string, at: (p: JsonPath) => Location): Finding[] {
  return keptIn(misspelledIn, parsed.sidecar, () => misspelledKeys(Sidecar, parsed.sidecar)).map(({ path, meant, into }) => ({
    ...at(keyPlace(path)),
    rule: 'misspelled-field',
    severity: ruleById('misspelled-field').defaultSeverity,
    message: misspelledFieldMessage(path, meant, into),
    useId: path[0] === 'uses' && typeof path[1] === 'number' ? parsed.sidecar.uses[path[1]]?.id : undefined,
    sidecar: sidecarPath,
    related: [],
    misspelled: keyFix(path, meant, into),
  }));
}

/**
 * What a misspelled or misplaced field's finding says; `shownPath` is the key's path as the reader
 * sees it (the whole file's, or within a use).
 */
export function misspelledFieldMessage(shownPath: JsonPath, meant: string, into?: string): string {
  const written = formatPath(shownPath);
  if (into === undefined)
    return `"${written}" is not a field AI Disclosure reads; did you mean "${meant}"? It is kept as written, but not read`;
  const home = formatPath([...shownPath.slice(0, -1), into, meant]);
  return `"${written}" is written beside "${into}" but belongs inside it, as "${home}"; it is kept as written, but not read`;
}
