import * as vscode from 'vscode';
import { Use, useName } from '../../core/sidecar/schema';
import { updateSidecar, updateUse } from '../../core/sidecar/store';
import { renameField as renameSidecarField } from '../../core/sidecar/rename';
import { subjectPathOf } from '../../core/sidecar/paths';
import { timestamp } from '../../core/tagging';
import { CommandContext } from './context';
import { Refusal } from '../../core/errors';
import { ruleDocsUri } from '../diagnostics';
import { RuleCatalog, RuleDefinition } from '../../core/policy/rules';

type UseTarget = [sidecarPath: string, useId: string];

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function target(args: unknown[]): UseTarget {
  const [sidecar, useId] = args;
  if (typeof sidecar !== 'string' || typeof useId !== 'string') throw new Error('This fix needs a sidecar path and a use id.');
  return [sidecar, useId];
}

/** Applies a change to one use; the index re-checks it as it is written, so the squiggle goes at once. */
async function change(context: CommandContext, [sidecar, useId]: UseTarget, edit: (use: Use) => void): Promise<void> {
  await updateUse(context.fs, sidecar, useId, (use) => {
    edit(use);
    use.updated = timestamp(new Date());
  });
}

/** Options given programmatically (keybindings, tests) skip the prompts. */
function option<T>(args: unknown[], index: number, key: string): T | undefined {
  const options = args[index];
  return typeof options === 'object' && options !== null ? ((options as Record<string, unknown>)[key] as T | undefined) : undefined;
}

/** The given option, or the person's pick; `undefined` when they cancel. */
async function choose<T>(args: unknown[], key: string, title: string, items: { label: string; value: T }[]): Promise<T | undefined> {
  return option<T>(args, 2, key) ?? (await vscode.window.showQuickPick(items, { title, ignoreFocusOut: true }))?.value;
}

/** The given option, or what the person types; `undefined` when they cancel. */
async function ask(args: unknown[], key: string, options: vscode.InputBoxOptions): Promise<string | undefined> {
  return option<string>(args, 2, key) ?? (await vscode.window.showInputBox({ ignoreFocusOut: true, ...options }));
}

const required = (what: string) => (value: string) => (value.trim() ? undefined : what);

export const markTemporary = (context: CommandContext, ...args: unknown[]) => change(context, target(args), (use) => (use.final = 'no'));

export const markDirectorConsulted = (context: CommandContext, ...args: unknown[]) =>
  change(context, target(args), (use) => (use.directorConsulted = 'yes'));
export const markProvenanceMarked = (context: CommandContext, ...args: unknown[]) =>
  change(context, target(args), (use) => (use.provenanceMarked = 'yes'));

export async function markNotified(context: CommandContext, ...args: unknown[]): Promise<void> {
  await change(context, target(args), (use) => (use.notified = { date: today(), ...(use.notified?.to ? { to: use.notified.to } : {}) }));
}

export async function recordApproval(context: CommandContext, ...args: unknown[]): Promise<void> {
  const status = await choose(args, 'status', 'Record written approval: status', [
    { label: 'Approved in writing', value: 'approved' as const },
    { label: 'Requested, awaiting an answer', value: 'pending' as const },
    { label: 'Denied', value: 'denied' as const },
  ]);
  if (!status) return;
  const by = await ask(args, 'by', { title: 'Who decided (name, studio role)?' });
  if (by === undefined) return;
  const reference = await ask(args, 'reference', { title: 'Reference (email subject, ticket, document id)' });
  if (reference === undefined) return;
  await change(context, target(args), (use) => {
    use.approval = {
      status,
      date: today(),
      ...(by.trim() ? { by: by.trim() } : {}),
      ...(reference.trim() ? { reference: reference.trim() } : {}),
    };
  });
}

export async function recordConsent(context: CommandContext, ...args: unknown[]): Promise<void> {
  const status = await choose(args, 'status', 'Record performer consent', [
    { label: 'Granted in writing', value: 'granted' as const },
    { label: 'Requested', value: 'requested' as const },
  ]);
  if (!status) return;
  const reference = await ask(args, 'reference', { title: 'Where is the signed consent kept?' });
  if (reference === undefined) return;
  await change(context, target(args), (use) => {
    if (!use.talent) throw new Error(`Use "${use.id}" records no talent involvement.`);
    use.talent.consent = { status, date: today(), ...(reference.trim() ? { reference: reference.trim() } : {}) };
  });
}

export async function recordAudienceDisclosure(context: CommandContext, ...args: unknown[]): Promise<void> {
  const how = await ask(args, 'disclosure', {
    title: 'How is the audience told?',
    placeHolder: 'e.g. on-screen label "AI-generated reconstruction" for the whole shot',
    validateInput: required('Describe the label, credit or watermark'),
  });
  if (!how?.trim()) return;
  await change(context, target(args), (use) => {
    use.realism = {
      depictsReal: use.realism?.depictsReal ?? 'unknown',
      presentedAsReal: use.realism?.presentedAsReal ?? 'unknown',
      ...use.realism,
      audienceDisclosure: how.trim(),
    };
  });
}

export async function suppressRule(context: CommandContext, ...args: unknown[]): Promise<void> {
  const [sidecar] = target(args);
  const rule = knownRule(context, args[2], sidecar).id;
  // A suppression written with an id no rule has, pointed at the rule meant: its reason and date kept.
  const replaces = option<string>(args, 3, 'replaces');
  if (replaces !== undefined) {
    await change(context, target(args), (use) => {
      const written = use.suppressions.find((s) => s.rule === replaces);
      if (!written) throw new Refusal(`The suppression of "${replaces}" is no longer recorded; nothing was changed.`);
      if (use.suppressions.some((s) => s.rule === rule))
        throw new Refusal(`"${rule}" is suppressed already: remove the suppression of "${replaces}" by hand; nothing was changed.`);
      written.rule = rule;
    });
    return;
  }
  const reason =
    option<string>(args, 3, 'reason') ??
    (await vscode.window.showInputBox({
      title: `Suppress "${rule}" for this use: why?`,
      prompt: 'The reason goes in the sidecar and the disclosure report.',
      ignoreFocusOut: true,
      validateInput: required('A reason is required'),
    }));
  if (!reason?.trim()) return;
  await change(context, target(args), (use) => {
    use.suppressions = [...use.suppressions.filter((s) => s.rule !== rule), { rule, reason: reason.trim(), date: today() }];
  });
}

/** Renames a misspelled field, or with `into` moves it inside the object beside it where it belongs. */
export async function renameField(context: CommandContext, sidecar: unknown, path: unknown, to: unknown, into?: unknown): Promise<void> {
  if (typeof sidecar !== 'string' || !isJsonPath(path) || typeof to !== 'string' || (into !== undefined && typeof into !== 'string'))
    throw new Error('Renaming needs the sidecar, the field and its new name.');
  await updateSidecar(context.fs, sidecar, (data) => renameSidecarField(data, path, to, into));
}

function isJsonPath(value: unknown): value is (string | number)[] {
  return Array.isArray(value) && value.every((step) => typeof step === 'string' || typeof step === 'number');
}

export async function removeUse(context: CommandContext, ...args: unknown[]): Promise<void> {
  const [sidecar, useId] = target(args);
  const recorded = context.index.usesOf(sidecar)?.find((record) => record.use.id === useId)?.use;
  const confirmed =
    option<boolean>(args, 2, 'confirmed') ??
    (await vscode.window.showWarningMessage(
      `Remove AI use "${recorded ? useName(recorded) : useId}" from its sidecar? The record of this use will be gone from the report.`,
      { modal: true },
      'Remove',
    )) === 'Remove';
  if (!confirmed) return;
  await updateSidecar(context.fs, sidecar, (sidecarData) => {
    sidecarData.uses = sidecarData.uses.filter((use) => use.id !== useId);
  });
}

export async function reconfirmAsset(context: CommandContext, sidecar?: unknown): Promise<void> {
  if (typeof sidecar !== 'string') throw new Error('Re-confirming needs the sidecar path.');
  const hash = await context.fs.sha256(subjectPathOf(sidecar));
  await updateSidecar(context.fs, sidecar, (data) => {
    if (data.subject) data.subject.sha256 = hash;
  });
}

/** A rule id from a command's arguments, checked against the catalogue of the production it is about. */
function knownRule(context: CommandContext, id: unknown, file: string | undefined): RuleDefinition {
  const catalog = file ? context.index.catalogFor(file) : RuleCatalog.builtIn;
  const rule = typeof id === 'string' ? catalog.find(id) : undefined;
  if (!rule) throw new Error(`Unknown rule id ${JSON.stringify(id)}.`);
  return rule;
}

/** Opens a rule's explanation: a built-in rule's page, a custom rule's own page or its pack file. */
export async function openRuleDocs(context: CommandContext, id?: unknown, file?: unknown): Promise<void> {
  const rule = knownRule(context, id, typeof file === 'string' ? file : undefined);
  const uri = ruleDocsUri(context.extensionUri, rule);
  if (rule.docs) await vscode.env.openExternal(uri);
  else if (rule.packFile) await vscode.window.showTextDocument(uri, { preview: true });
  else await vscode.commands.executeCommand('markdown.showPreview', uri);
}
