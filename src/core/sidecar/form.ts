/**
 * A use as a form: every field a person may review and change, in words a producer uses, and the
 * way back from what they typed to the recorded use. Forms change only the fields the person
 * touched, so anything else (fields a newer release wrote, exact spelling) stays as it was.
 */
import type * as z from '../json/zod';
import { isJsonObject } from '../json/validatedJson';
import { APPROVAL_LABELS, CONSENT_LABELS, ENVIRONMENT_LABELS, INPUT_KIND_LABELS, TALENT_KIND_LABELS } from './labels';
import { valueAt } from '../policy/conditions';
import { ANSWER_VALUES, Use } from './schema';

export interface Choice {
  value: string;
  label: string;
}

export type FieldControl =
  /** One line of text. */
  | { kind: 'text'; placeholder?: string }
  /** Several lines of text. */
  | { kind: 'paragraph' }
  /** A list of names, one per line. */
  | { kind: 'lines' }
  /** One of a few values; `''` stands for "not recorded" where the field is optional. */
  | { kind: 'choice'; choices: Choice[] }
  /** Any number of a few values. */
  | { kind: 'choices'; choices: Choice[] };

export interface FormField {
  /** The field's path in the use, joined by "." (the key messages and errors use). */
  key: string;
  label: string;
  help?: string;
  control: FieldControl;
  /** Whether the use must have it. */
  required?: boolean;
}

export interface FormSection {
  title: string;
  /** Shown under the title: when the section applies. */
  help?: string;
  fields: FormField[];
}

/** What a form holds for a field: text, or the values chosen. */
export type FieldValue = string | string[];

function labelled(labels: Record<string, string>): Choice[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

const ANSWER_LABELS: Record<(typeof ANSWER_VALUES)[number], string> = { yes: 'Yes', no: 'No', unknown: 'Not known' };

function answer(labels: Partial<Record<(typeof ANSWER_VALUES)[number], string>> = {}, optional = false): FieldControl {
  const choices = ANSWER_VALUES.map((value) => ({ value, label: labels[value] ?? ANSWER_LABELS[value] }));
  return { kind: 'choice', choices: optional ? [{ value: '', label: 'Not recorded' }, ...choices] : choices };
}

function optionalChoice(labels: Record<string, string>): FieldControl {
  return { kind: 'choice', choices: [{ value: '', label: 'Not recorded' }, ...labelled(labels)] };
}

const DATE: FieldControl = { kind: 'text', placeholder: 'YYYY-MM-DD' };

/** The form of a use, section by section, in the order a coordinator reviews it. */
export const USE_FORM: readonly FormSection[] = [
  {
    title: 'What it is',
    fields: [
      { key: 'title', label: 'Name', help: 'A short name shown wherever this use is listed', control: { kind: 'text' } },
      { key: 'purpose', label: 'Purpose', help: 'What the AI output was used for', control: { kind: 'text' }, required: true },
      { key: 'description', label: 'Notes', control: { kind: 'paragraph' } },
      { key: 'prompt', label: 'Prompt', help: 'What was asked of the tool, if kept', control: { kind: 'paragraph' } },
    ],
  },
  {
    title: 'Tool',
    fields: [
      { key: 'tool.name', label: 'Tool', help: 'Product name, e.g. Firefly or Runway Gen-4', control: { kind: 'text' }, required: true },
      { key: 'tool.version', label: 'Version', control: { kind: 'text' } },
      { key: 'tool.vendor', label: 'Vendor', control: { kind: 'text' } },
      {
        key: 'tool.environment',
        label: 'Where it ran',
        control: { kind: 'choice', choices: labelled(ENVIRONMENT_LABELS) },
        required: true,
      },
      {
        key: 'tool.retainsInputs',
        label: 'Does the tool keep or reuse what goes in or comes out?',
        control: answer({ no: 'No (confirmed in its terms)' }),
        required: true,
      },
      {
        key: 'tool.trainsOnInputs',
        label: 'Does the vendor train on production data?',
        control: answer({ no: 'No (confirmed in its terms)' }),
        required: true,
      },
    ],
  },
  {
    title: 'In the production',
    fields: [
      {
        key: 'final',
        label: 'In the final deliverables?',
        control: answer({ yes: 'Yes, it stays in the final cut or script', no: 'No, temporary (replaced before delivery)' }),
        required: true,
      },
      {
        key: 'keyCreative',
        label: 'A key creative element?',
        help: 'A main character, a key visual, a central setting or story point',
        control: answer(),
        required: true,
      },
      { key: 'inputs', label: 'Production material put into the tool', control: { kind: 'choices', choices: labelled(INPUT_KIND_LABELS) } },
      { key: 'references.copyrightedWorks', label: 'Copyrighted works named in prompts', help: 'One per line', control: { kind: 'lines' } },
      { key: 'references.publicFigures', label: 'Public figures named in prompts', help: 'One per line', control: { kind: 'lines' } },
    ],
  },
  {
    title: 'Real people, places and events',
    help: 'For documentaries and anything an audience could take for real',
    fields: [
      { key: 'realism.depictsReal', label: 'Depicts real people, places or events?', control: answer({}, true) },
      { key: 'realism.presentedAsReal', label: 'Could an audience take it for real?', control: answer({}, true) },
      {
        key: 'realism.audienceDisclosure',
        label: 'How the audience is told',
        help: 'On-screen label, credit, watermark',
        control: { kind: 'text' },
      },
    ],
  },
  {
    title: 'Performers',
    help: 'Only when a performance, likeness or voice is generated or altered',
    fields: [
      { key: 'talent.kind', label: 'What was done', control: optionalChoice(TALENT_KIND_LABELS) },
      { key: 'talent.performers', label: 'Performers', help: 'One per line', control: { kind: 'lines' } },
      { key: 'talent.unionCovered', label: 'Union-covered work?', control: answer({}, true) },
      { key: 'talent.consent.status', label: 'Consent', control: optionalChoice(CONSENT_LABELS) },
      { key: 'talent.consent.reference', label: 'Where the signed consent is kept', control: { kind: 'text' } },
      { key: 'talent.consent.date', label: 'Consent date', control: DATE },
    ],
  },
  {
    title: 'Approval and notice',
    fields: [
      { key: 'approval.status', label: 'Written approval', control: optionalChoice(APPROVAL_LABELS) },
      { key: 'approval.by', label: 'Approved by', control: { kind: 'text' } },
      { key: 'approval.date', label: 'Approval date', control: DATE },
      { key: 'approval.reference', label: 'Approval reference', help: 'Email subject, ticket or document', control: { kind: 'text' } },
      { key: 'notified.date', label: 'Studio contact told on', control: DATE },
      { key: 'notified.to', label: 'Studio contact told', control: { kind: 'text' } },
      { key: 'directorConsulted', label: 'Director consulted?', control: answer({}, true) },
      { key: 'provenanceMarked', label: 'Output marked as AI-made (C2PA or IPTC)?', control: answer({}, true) },
    ],
  },
  {
    title: 'Cue sheet',
    help: 'Where generated material appears in the cut',
    fields: [
      { key: 'cueSheet.timecode', label: 'Timecode', control: { kind: 'text', placeholder: '01:02:03:04-01:02:09:12' } },
      { key: 'cueSheet.sourceMaterial', label: 'Source material', control: { kind: 'text' } },
      { key: 'cueSheet.copyrightStatus', label: 'Copyright or licence of the source', control: { kind: 'text' } },
    ],
  },
];

export const FORM_FIELDS: ReadonlyMap<string, FormField> = new Map(USE_FORM.flatMap((section) => section.fields.map((f) => [f.key, f])));

type JsonObject = Record<string, unknown>;

/** What the form shows for each field of a use. */
export function formValues(use: Use): Record<string, FieldValue> {
  const values: Record<string, FieldValue> = {};
  for (const field of FORM_FIELDS.values()) {
    const value = valueAt(use, field.key);
    const many = field.control.kind === 'lines' || field.control.kind === 'choices';
    values[field.key] = many
      ? Array.isArray(value)
        ? value.map(String)
        : []
      : typeof value === 'string'
        ? value
        : value === undefined
          ? ''
          : JSON.stringify(value);
  }
  return values;
}

/** A form's lines as a list: blank lines dropped, each name kept as typed. */
function listOf(value: FieldValue): string[] {
  return (Array.isArray(value) ? value : value.split(/\r?\n/)).filter((line) => line.trim() !== '');
}

/**
 * The use with the changed fields applied: an empty optional field is removed, and an object left
 * with nothing in it (no approval recorded any more) goes with it. Fields not in `changes` are
 * not touched. Unknown keys are refused: a form never writes where the schema has no field.
 */
export function applyFormChanges(use: Use, changes: Readonly<Record<string, FieldValue>>): Use {
  const changed = structuredClone(use) as JsonObject;
  for (const [key, value] of Object.entries(changes)) {
    const field = FORM_FIELDS.get(key);
    if (!field) throw new Error(`The form has no field "${key}".`);
    const many = field.control.kind === 'lines' || field.control.kind === 'choices';
    const next = many ? listOf(value) : Array.isArray(value) ? value.join('\n') : value;
    setAt(changed, key.split('.'), next === '' && !field.required ? undefined : next);
  }
  return changed as Use;
}

function setAt(target: JsonObject, path: string[], value: unknown): void {
  const [head, ...rest] = path;
  if (rest.length === 0) {
    if (value === undefined) delete target[head];
    else target[head] = value;
    return;
  }
  const child = target[head];
  if (!isJsonObject(child)) {
    if (value === undefined) return;
    target[head] = {};
  }
  const inner = target[head] as JsonObject;
  setAt(inner, rest, value);
  if (Object.keys(inner).length === 0) delete target[head];
}

/**
 * What is wrong with a use, by form field, checked with the sidecar's own schema. A problem in a
 * part the form does not show is listed under `''`, so it is never hidden.
 */
export function formProblems(use: Use): Record<string, string> {
  const result = Use.safeParse(use);
  if (result.success) return {};
  const problems: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String);
    const key = fieldOfPath(path);
    problems[key] ??= messageOf(issue, FORM_FIELDS.get(key), valueAt(use, path.join('.')) === undefined);
  }
  return problems;
}

/** The form field a schema path belongs to: the field itself, or the first field of the object a required part is missing from. */
function fieldOfPath(path: string[]): string {
  const joined = path.join('.');
  if (FORM_FIELDS.has(joined)) return joined;
  for (let length = path.length; length > 0; length--) {
    const prefix = path.slice(0, length).join('.');
    const inside = [...FORM_FIELDS.keys()].find((key) => key.startsWith(`${prefix}.`) || key === prefix);
    if (inside) return inside;
  }
  return '';
}

function messageOf(issue: z.core.$ZodIssue, field: FormField | undefined, missing: boolean): string {
  if (missing) {
    return field ? `${field.label}: needed when the rest of this section is filled in` : 'missing';
  }
  if (issue.code === 'invalid_value' && field?.control.kind === 'choice') return 'Choose one of the options';
  return issue.message.replace(/^./, (first) => first.toUpperCase());
}
