import * as vscode from 'vscode';
import { ENVIRONMENT_LABELS, INPUT_KIND_LABELS, TALENT_KIND_LABELS, CONSENT_LABELS } from '../../core/sidecar/labels';
import { Answer, INPUT_KINDS, TALENT_KINDS, Tool, Use } from '../../core/sidecar/schema';
import { subjectKindOf } from '../../core/sidecar/paths';
import { TagAnswers } from '../../core/tagging';
import { RECENT_TOOLS_KEY } from '../constants';
import { Item, Questions } from './questions';

const MAX_RECENT_TOOLS = 8;
/** A title pre-filled from the purpose is cut here, at a word: it names the use in lists. */
const TITLE_FROM_PURPOSE_CHARS = 60;

/** What is being tagged: the questions and their wording follow it. */
export type TagKind = 'passage' | 'image' | 'audio' | 'video' | 'frames' | 'file';

/** The kind of material a single file is, for the wording of the questions. */
export function tagKindOfFile(file: string): TagKind {
  const kind = subjectKindOf(file);
  return kind === 'image' || kind === 'audio' || kind === 'video' ? kind : 'file';
}

/** A tool as remembered: its terms, and the kinds of material it was used for. */
interface RememberedTool extends Tool {
  usedFor?: TagKind[];
}

/** Tools used before, most recent first; those used for this kind of material ahead of the rest. */
export function recentTools(memento: vscode.Memento, kind?: TagKind): RememberedTool[] {
  const stored = memento.get<unknown>(RECENT_TOOLS_KEY);
  const tools = Array.isArray(stored)
    ? stored.filter((t): t is RememberedTool => typeof t === 'object' && t !== null && typeof (t as Tool).name === 'string')
    : [];
  if (!kind) return tools;
  const forKind = (t: RememberedTool) => t.usedFor?.includes(kind) ?? false;
  return [...tools.filter(forKind), ...tools.filter((t) => !forKind(t))];
}

const sameTool = (a: NamedTool, b: NamedTool) => a.name === b.name && a.version === b.version;

export async function rememberTool(memento: vscode.Memento, tool: Tool, kind: TagKind): Promise<void> {
  const earlier = recentTools(memento);
  const usedFor = [...new Set([kind, ...(earlier.find((t) => sameTool(t, tool))?.usedFor ?? [])])];
  await memento.update(RECENT_TOOLS_KEY, [{ ...tool, usedFor }, ...earlier.filter((t) => !sameTool(t, tool))].slice(0, MAX_RECENT_TOOLS));
}

/** The tool a file's own metadata names; the person still says where it ran and on what terms. */
export interface NamedTool {
  name: string;
  version?: string;
}

const toolLabel = (tool: NamedTool) => [tool.name, tool.version].filter(Boolean).join(' ');

const ANSWER_LABELS: Record<Answer, string> = { yes: 'yes', no: 'no', unknown: 'not known' };

function termsText(tool: Tool): string {
  return `${ENVIRONMENT_LABELS[tool.environment]} · stores inputs: ${ANSWER_LABELS[tool.retainsInputs]} · trains on them: ${ANSWER_LABELS[tool.trainsOnInputs]}`;
}

/** Where the tool ran and what its terms say: asked for a tool not used before, confirmed for one that was. */
async function askTerms(
  questions: Questions,
  tool: NamedTool,
): Promise<Pick<Tool, 'environment' | 'retainsInputs' | 'trainsOnInputs'> | undefined> {
  const environment = await questions.pick(
    `Where did ${toolLabel(tool)} run?`,
    (['enterprise', 'local', 'consumer', 'unknown'] as const).map((value) => ({ label: ENVIRONMENT_LABELS[value], value })),
  );
  if (!environment) return undefined;
  const terms = await questions.pick(`What do the terms of ${toolLabel(tool)} say about your inputs?`, [
    { label: 'It neither stores nor trains on them', value: ['no', 'no'] as const },
    { label: 'It stores them, and does not train on them', value: ['yes', 'no'] as const },
    { label: 'It may train on them', value: ['unknown', 'yes'] as const },
    { label: 'Not sure', description: 'treated with caution', value: ['unknown', 'unknown'] as const },
  ]);
  if (!terms) return undefined;
  return { environment, retainsInputs: terms[0], trainsOnInputs: terms[1] };
}

async function askTool(questions: Questions, memento: vscode.Memento, kind: TagKind, named?: NamedTool): Promise<Tool | undefined> {
  const recent = recentTools(memento, kind);
  let tool: NamedTool | RememberedTool | undefined = named;
  if (!tool) {
    const others = recent.findIndex((t) => !t.usedFor?.includes(kind));
    const another: Item<'new'> = { label: '$(add) Another tool…', value: 'new' };
    const items: Item<RememberedTool | 'new'>[] = recent.map((known) => ({
      label: toolLabel(known),
      description: known.vendor,
      value: known,
    }));
    // Tools used for other kinds of material are listed, but after a separator and never first.
    if (others >= 0) items.splice(others, 0, { label: 'Used for other material', kind: vscode.QuickPickItemKind.Separator, value: 'new' });
    const choice =
      recent.length > 0 ? await questions.pick('Which AI tool was used?', others === 0 ? [another, ...items] : [...items, another]) : 'new';
    if (choice === undefined) return undefined;
    if (choice === 'new') {
      const name = await questions.text('Which AI tool was used? Its name and version', {
        placeholder: 'e.g. "Firefly 3" or "Runway Gen-4"',
        required: 'A tool name is needed',
      });
      if (!name) return undefined;
      const [toolName, ...versionParts] = name.split(/\s+(?=v?\d)/);
      tool = { name: toolName, ...(versionParts.length > 0 ? { version: versionParts.join(' ') } : {}) };
    } else tool = choice;
  }
  const known = recent.find((t) => sameTool(t, tool));
  if (known) {
    // One question to confirm what was said last time, never carried silently.
    const same = await questions.pick(`${toolLabel(known)} as last time? ${termsText(known)}`, [
      { label: 'Yes, it ran the same way on the same terms', detail: termsText(known), value: true },
      { label: 'No, it ran elsewhere or on other terms', value: false },
    ]);
    if (same === undefined) return undefined;
    if (same) return { ...withoutMemory(known), ...(tool.version ? { version: tool.version } : {}) };
    questions.adjust(2);
  } else questions.adjust(1);
  const terms = await askTerms(questions, tool);
  return terms && { ...(known ? withoutMemory(known) : {}), name: tool.name, ...(tool.version ? { version: tool.version } : {}), ...terms };
}

function withoutMemory(tool: RememberedTool): Tool {
  const { usedFor: _usedFor, ...rest } = tool;
  return rest;
}

/** The wording of each question for the kind of material tagged. */
const WORDING: Record<
  TagKind,
  { what: string; purpose: string; final: [yes: string, no: string]; keyCreative: string; talent: readonly (typeof TALENT_KINDS)[number][] }
> = {
  passage: {
    what: 'the passage',
    purpose: 'e.g. alternative wording for the rescue call, temp dialogue for the table read',
    final: ['The words stay in the final script', 'Temporary: a writer rewrites it before delivery'],
    keyCreative: "Is it a key creative element: a main character's lines, a central scene, the story's structure?",
    talent: [],
  },
  image: {
    what: 'the image',
    purpose: 'e.g. placeholder key art, concept of the harbour set',
    final: ['Part of the final deliverables', 'Temporary: replaced before delivery'],
    keyCreative: 'Is it a key creative element: a main character design, a key visual, a central setting?',
    talent: ['digital-replica', 'synthetic-performer'],
  },
  audio: {
    what: 'the audio',
    purpose: 'e.g. temp voice-over for the edit, a scratch score cue',
    final: ['Part of the final mix', 'Temporary: replaced before delivery'],
    keyCreative: "Is it a key creative element: a main character's voice, the theme, a signature sound?",
    talent: ['voice-clone', 'performance-alteration', 'synthetic-performer'],
  },
  video: {
    what: 'the video',
    purpose: 'e.g. previs of the chase, a de-aging test',
    final: ['Part of the final cut', 'Temporary: replaced before delivery'],
    keyCreative: 'Is it a key creative element: a main character, a central setting, a key shot?',
    talent: TALENT_KINDS,
  },
  frames: {
    what: 'the frames',
    purpose: 'e.g. sky replacement on the harbour plates, clean-up of the wide',
    final: ['Part of the final cut', 'Temporary: replaced before delivery'],
    keyCreative: 'Is it a key creative element: a main character, a central setting, a key shot?',
    talent: TALENT_KINDS,
  },
  file: {
    what: 'the files',
    purpose: 'e.g. generated reference for the art department',
    final: ['Part of the final deliverables', 'Temporary: replaced before delivery'],
    keyCreative: 'Is it a key creative element: a main character, a key visual, a central setting?',
    talent: TALENT_KINDS,
  },
};

async function askTalent(questions: Questions, kinds: readonly (typeof TALENT_KINDS)[number][]): Promise<Use['talent'] | null | undefined> {
  const kind = await questions.pick<(typeof TALENT_KINDS)[number] | 'none'>('Is a performer involved?', [
    { label: 'No performer involved', value: 'none' },
    ...kinds.map((value) => ({ label: TALENT_KIND_LABELS[value], value })),
  ]);
  if (kind === undefined) return undefined;
  if (kind === 'none') return null;
  questions.adjust(3);
  const performers = await questions.text('Which performers? Names separated by commas (may be empty)', {});
  if (performers === undefined) return undefined;
  const consent = await questions.pick(
    'Their consent for this use',
    (['granted', 'requested', 'none'] as const).map((value) => ({ label: CONSENT_LABELS[value], value })),
  );
  if (!consent) return undefined;
  const unionCovered = await questions.pick('Is the work union-covered (SAG-AFTRA, Equity, …)?', [
    { label: 'Yes', value: 'yes' as const },
    { label: 'No', value: 'no' as const },
    { label: 'Not sure', description: 'treated with caution', value: 'unknown' as const },
  ]);
  if (!unionCovered) return undefined;
  return {
    kind,
    performers: performers
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    unionCovered,
    consent: { status: consent },
  };
}

/** A title from the purpose: its first words, cut at a word boundary. */
export function titleFromPurpose(purpose: string): string {
  const text = purpose.trim().replace(/\s+/g, ' ');
  if (text.length <= TITLE_FROM_PURPOSE_CHARS) return text;
  const cut = text.slice(0, TITLE_FROM_PURPOSE_CHARS + 1).replace(/\s+\S*$/, '');
  return cut.length > 0 ? cut : text.slice(0, TITLE_FROM_PURPOSE_CHARS);
}

/** Asks the questions a tag needs, worded for what is tagged; `undefined` when the person cancels at any step. */
export async function askTagAnswers(
  memento: vscode.Memento,
  author: string,
  kind: TagKind,
  named?: NamedTool,
): Promise<TagAnswers | undefined> {
  const wording = WORDING[kind];
  // Tool, its terms (one to confirm, or two), purpose, title, inputs, final, key creative, performer.
  const questions = new Questions(`Tag ${wording.what} as AI-generated`, 7 + (wording.talent.length > 0 ? 1 : 0) - (named ? 1 : 0));
  const tool = await askTool(questions, memento, kind, named);
  if (!tool) return undefined;
  const purpose = await questions.text('What was the AI used for?', {
    placeholder: wording.purpose,
    required: 'Say briefly what it was used for',
  });
  if (!purpose) return undefined;
  const title = await questions.text('A short name for this use, shown in lists and the report', {
    value: titleFromPurpose(purpose),
    required: 'A name is needed',
  });
  if (!title) return undefined;
  const inputs = await questions.pick(
    'What production material went into the tool? (select all that apply; none is fine)',
    INPUT_KINDS.map((value) => ({ label: INPUT_KIND_LABELS[value], value })),
    true,
  );
  if (!inputs) return undefined;
  const final = await questions.pick('Will it be in the final deliverables?', [
    { label: wording.final[1], value: 'no' as const },
    { label: wording.final[0], value: 'yes' as const },
    { label: 'Not decided yet', description: 'treated with caution', value: 'unknown' as const },
  ]);
  if (!final) return undefined;
  const keyCreative = await questions.pick(wording.keyCreative, [
    { label: 'No, background or incidental', value: 'no' as const },
    { label: 'Yes, a key creative element', value: 'yes' as const },
    { label: 'Not sure', description: 'treated with caution', value: 'unknown' as const },
  ]);
  if (!keyCreative) return undefined;
  const talent = wording.talent.length > 0 ? await askTalent(questions, wording.talent) : null;
  if (talent === undefined) return undefined;
  await rememberTool(memento, tool, kind);
  return {
    tool,
    purpose,
    title,
    final,
    keyCreative,
    inputs,
    ...(talent ? { talent } : {}),
    ...(author ? { author } : {}),
  };
}

/** Commands take prepared answers as an argument (keybindings, other extensions, tests). */
export function isTagAnswers(value: unknown): value is TagAnswers {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as TagAnswers).tool === 'object' &&
    typeof (value as TagAnswers).purpose === 'string'
  );
}
