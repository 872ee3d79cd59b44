import * as vscode from 'vscode';
import { Answer, TALENT_KINDS, Tool, Use } from '../../core/sidecar/schema';
import { TagAnswers } from '../../core/tagging';
import { RECENT_TOOLS_KEY } from '../constants';

const MAX_RECENT_TOOLS = 8;

interface Pick<T> extends vscode.QuickPickItem {
  value: T;
}

async function pick<T>(title: string, items: Pick<T>[], placeHolder?: string): Promise<T | undefined> {
  const chosen = await vscode.window.showQuickPick(items, { title, placeHolder, ignoreFocusOut: true });
  return chosen?.value;
}

const ANSWER_ITEMS = (yes: string, no: string): Pick<Answer>[] => [
  { label: no, value: 'no' },
  { label: yes, value: 'yes' },
  { label: 'Not sure', description: 'treated with caution', value: 'unknown' },
];

/** Tools used recently, most recent first, so tagging a second passage is two keystrokes. */
export function recentTools(memento: vscode.Memento): Tool[] {
  const stored = memento.get<unknown>(RECENT_TOOLS_KEY);
  return Array.isArray(stored)
    ? stored.filter((t): t is Tool => typeof t === 'object' && t !== null && typeof (t as Tool).name === 'string')
    : [];
}

export async function rememberTool(memento: vscode.Memento, tool: Tool): Promise<void> {
  const same = (t: Tool) => t.name === tool.name && t.version === tool.version && t.environment === tool.environment;
  await memento.update(RECENT_TOOLS_KEY, [tool, ...recentTools(memento).filter((t) => !same(t))].slice(0, MAX_RECENT_TOOLS));
}

/** The tool a file's own metadata names; the person still says where it ran and on what terms. */
export interface NamedTool {
  name: string;
  version?: string;
}

async function askTool(memento: vscode.Memento, named?: NamedTool): Promise<Tool | undefined> {
  const title = 'Tag as AI-generated (1/5): which tool?';
  let tool: NamedTool;
  if (named) tool = named;
  else {
    const recent = recentTools(memento).map<Pick<Tool | 'new'>>((known) => ({
      label: [known.name, known.version].filter(Boolean).join(' '),
      description: known.environment,
      detail: `stores inputs: ${known.retainsInputs} · trains on inputs: ${known.trainsOnInputs}`,
      value: known,
    }));
    const choice = recent.length > 0 ? await pick(title, [...recent, { label: '$(add) Another tool…', value: 'new' as const }]) : 'new';
    if (choice !== 'new') return choice;
    const name = await vscode.window.showInputBox({
      title,
      prompt: 'Tool name and version, e.g. "Firefly 3" or "Runway Gen-4"',
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : 'A tool name is needed'),
    });
    if (!name) return undefined;
    const [toolName, ...versionParts] = name.trim().split(/\s+(?=v?\d)/);
    tool = { name: toolName, ...(versionParts.length > 0 ? { version: versionParts.join(' ') } : {}) };
  }
  const toolLabel = [tool.name, tool.version].filter(Boolean).join(' ');
  const environment = await pick(`Where did ${toolLabel} run?`, [
    { label: 'Enterprise account of the production', description: 'secured tenant', value: 'enterprise' as const },
    { label: "On this machine or the facility's own servers", value: 'local' as const },
    { label: 'Consumer or personal account', value: 'consumer' as const },
    { label: 'Not sure', value: 'unknown' as const },
  ]);
  if (!environment) return undefined;
  const terms = await pick('What do its terms say about your inputs?', [
    { label: 'Neither stores nor trains on them', value: ['no', 'no'] as const },
    { label: 'Stores them, does not train on them', value: ['yes', 'no'] as const },
    { label: 'May train on them', value: ['unknown', 'yes'] as const },
    { label: 'Not sure', description: 'treated with caution', value: ['unknown', 'unknown'] as const },
  ]);
  if (!terms) return undefined;
  return { ...tool, environment, retainsInputs: terms[0], trainsOnInputs: terms[1] };
}

async function askTalent(): Promise<Use['talent'] | null | undefined> {
  const kind = await pick<(typeof TALENT_KINDS)[number] | 'none'>('Tag as AI-generated (5/5): is a performer involved?', [
    { label: 'No performer involved', value: 'none' },
    { label: 'Digital replica of a performer', value: 'digital-replica' },
    { label: 'Voice clone', value: 'voice-clone' },
    { label: 'Alteration of a recorded performance', value: 'performance-alteration' },
    { label: 'Synthetic performer', description: 'not based on a real person', value: 'synthetic-performer' },
  ]);
  if (kind === undefined) return undefined;
  if (kind === 'none') return null;
  const performers = await vscode.window.showInputBox({ title: 'Which performers? (comma-separated, may be empty)', ignoreFocusOut: true });
  if (performers === undefined) return undefined;
  const consent = await pick('Their consent for this use', [
    { label: 'Granted in writing', value: 'granted' as const },
    { label: 'Requested', value: 'requested' as const },
    { label: 'None yet', value: 'none' as const },
  ]);
  if (!consent) return undefined;
  const unionCovered = await pick('Is the work union-covered (SAG-AFTRA, Equity, …)?', ANSWER_ITEMS('Yes', 'No'));
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

/** Asks the few questions a tag needs; `undefined` when the person cancels at any step. */
export async function askTagAnswers(memento: vscode.Memento, author: string, named?: NamedTool): Promise<TagAnswers | undefined> {
  const tool = await askTool(memento, named);
  if (!tool) return undefined;
  const purpose = await vscode.window.showInputBox({
    title: 'Tag as AI-generated (2/5): what was it used for?',
    placeHolder: 'e.g. temp dialogue for the table read, previs of the chase, placeholder key art',
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'Say briefly what it was used for'),
  });
  if (!purpose) return undefined;
  const final = await pick('Tag as AI-generated (3/5): final or temporary?', [
    { label: 'Temporary', description: 'replaced before delivery', value: 'no' as const },
    { label: 'Part of the final deliverables', value: 'yes' as const },
    { label: 'Not decided yet', description: 'treated with caution', value: 'unknown' as const },
  ]);
  if (!final) return undefined;
  const keyCreative = await pick(
    'Tag as AI-generated (4/5): a key creative element (main character, key visual, central setting)?',
    ANSWER_ITEMS('Yes, a key element', 'No, background or incidental'),
  );
  if (!keyCreative) return undefined;
  const talent = await askTalent();
  if (talent === undefined) return undefined;
  await rememberTool(memento, tool);
  return { tool, purpose: purpose.trim(), final, keyCreative, ...(talent ? { talent } : {}), ...(author ? { author } : {}) };
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
