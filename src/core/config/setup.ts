/**
 * Setting up a production: its `.aidisclosure.json` written from a few answers (title, studio,
 * contact, guideline packs). An existing file is edited in place: every setting the answers do not
 * cover, custom packs included, stays byte for byte.
 */
import { applyEdits, modify } from 'jsonc-parser';
import { Refusal } from '../errors';
import { BUILT_IN_PACKS, PACK_IDS } from '../policy/rules';
import { formattingOf } from '../sidecar/edit';
import { detectLineEnding } from '../sidecar/serialize';
import { parseProjectConfig, ProjectConfig } from './config';

export type PackId = (typeof PACK_IDS)[number];

export interface ProductionAnswers {
  name: string;
  studio?: string;
  contact?: string;
  preparer?: string;
  packs: PackId[];
}

/** What a file already says, to start the questions from (the defaults for a new one). */
export function productionAnswersOf(config: ProjectConfig | undefined): ProductionAnswers {
  const builtIn = (config?.packs ?? ['studio']).filter((pack): pack is PackId => (PACK_IDS as readonly string[]).includes(pack));
  return {
    name: config?.production?.name ?? '',
    studio: config?.production?.studio,
    contact: config?.production?.contact,
    preparer: config?.production?.preparer,
    packs: builtIn,
  };
}

/** The built-in packs, to choose from: id, title and what each covers. */
export function packChoices(): { id: PackId; title: string }[] {
  return PACK_IDS.map((id) => ({ id, title: BUILT_IN_PACKS.find((pack) => pack.id === id)?.title ?? id }));
}

/** The configuration as read, or a refusal at the exact place it does not read. */
export function readProjectConfig(path: string, text: string): ProjectConfig {
  const parsed = parseProjectConfig(text);
  if (parsed.ok) return parsed.value;
  const [first] = parsed.problems;
  throw new Refusal(
    `${path}:${first.start.line}:${first.start.column}: ${first.message} (the file was not changed; fix it, then set up again)`,
  );
}

/**
 * The configuration's new text with the answers in it. A blank answer removes that line; the
 * chosen built-in packs replace the built-in ones listed, custom pack files stay listed after them.
 */
export function productionConfigText(path: string, existing: string | undefined, answers: ProductionAnswers): string {
  const eol = existing ? detectLineEnding(existing) : '\n';
  let text = existing?.trim() ? existing : `{}${eol}`;
  const config = readProjectConfig(path, text);
  const formatting = formattingOf(text.includes('\n') ? text : '{\n  "x": 0\n}', eol);
  const set = (jsonPath: string[], value: unknown) => {
    text = applyEdits(text, modify(text, jsonPath, value, { formattingOptions: formatting }));
  };
  for (const key of ['name', 'studio', 'contact', 'preparer'] as const) {
    const value = answers[key]?.trim();
    if ((config.production?.[key] ?? '') !== (value ?? '')) set(['production', key], value || undefined);
  }
  const custom = (config.packs ?? []).filter((pack) => !(PACK_IDS as readonly string[]).includes(pack));
  const packs = [...PACK_IDS.filter((id) => answers.packs.includes(id)), ...custom];
  if (JSON.stringify(packs) !== JSON.stringify(config.packs ?? ['studio'])) set(['packs'], packs);
  readProjectConfig(path, text);
  return text.endsWith(eol) ? text : `${text}${eol}`;
}
