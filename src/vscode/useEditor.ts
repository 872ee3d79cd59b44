/**
 * The use form: a custom editor for `*.ai.json` that shows each recorded use as a form, so a
 * coordinator reviews and changes a use without reading JSON ("Open as JSON" is beside it). Every
 * change is checked with the sidecar's own schema and written through the locked store, like any
 * other command's; the sidecar stays a text document, so the editor's undo and redo work.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Refusal } from '../core/errors';
import { randomToken } from '../core/randomToken';
import { STATUS_LABELS } from '../core/policy/evaluate';
import { applyFormChanges, FieldValue, formProblems, formValues, USE_FORM } from '../core/sidecar/form';
import { parseSidecar } from '../core/sidecar/parse';
import { isFolderSidecar, subjectPathOf } from '../core/sidecar/paths';
import { Use, useName } from '../core/sidecar/schema';
import { updateUse } from '../core/sidecar/store';
import { timestamp } from '../core/tagging';
import { UseRecord } from '../core/workspace/records';
import type { FormFinding, FormState, FormUse, FromForm, ToForm } from '../webview/protocol';
import { Finding } from '../core/findings';
import { keyFix, KeyFix, keyFixTitle } from '../core/json/misspelledKeys';
import { misspelledFieldMessage } from '../core/workspace/fieldFindings';
import type { JsonProblem } from '../core/json/validatedJson';
import { CommandContext } from './commands/context';
import { removeUse } from './commands/fixes';
import { Fix, fixesFor, fixKey } from './fixes';
import { openDocumentAt, toCorePath, toUri, UntrustedWorkspaceError } from './fileSystem';
import { toRange } from './diagnostics';
import { keyFixEdit } from './codeActions';
import { COMMANDS, USE_FORM_VIEW_TYPE } from './constants';
import { revealUse } from './usesView';

export { USE_FORM_VIEW_TYPE } from './constants';

/** One open form: its panel, and a use to bring into view once the form is drawn. */
interface OpenForm {
  panel: vscode.WebviewPanel;
  ready: boolean;
  focus?: string;
  /** The fixes the form shows now, by the key its buttons send. */
  fixes?: Map<string, Fix>;
}

/**
 * The quick fixes a form offers beside a finding: those that are not a field the form edits itself
 * (marking a use temporary is its "final" field), with their codicons. `onlyPreferred`: only as a
 * finding's own remedy (a suppression pointed at the rule meant, not one more suppression).
 */
const FORM_FIXES: Partial<Record<string, { icon: string; link?: boolean; onlyPreferred?: boolean }>> = {
  [COMMANDS.renameField]: { icon: 'edit' },
  [COMMANDS.suppressRule]: { icon: 'edit', onlyPreferred: true },
  [COMMANDS.reconfirmAsset]: { icon: 'check' },
  [COMMANDS.relinkSidecar]: { icon: 'link' },
  [COMMANDS.deleteSidecar]: { icon: 'trash' },
  [COMMANDS.openRuleDocs]: { icon: 'book', link: true },
};

export class UseFormEditor implements vscode.CustomTextEditorProvider, vscode.Disposable {
  private readonly forms = new Map<string, OpenForm>();
  private readonly opened = new vscode.EventEmitter<string>();
  /** Fires with a sidecar's path once its form is drawn. */
  readonly onDidShowForm = this.opened.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly context: CommandContext) {
    this.subscription = context.index.onDidChange(({ sources }) => {
      for (const [sidecar, form] of this.forms) if (!sources || sources.has(sidecar)) this.show(sidecar, form);
    });
  }

  /** Opens the form of a sidecar with one of its uses in view. */
  async open(sidecar: string, useId?: string): Promise<void> {
    const open = this.forms.get(sidecar);
    if (open) {
      open.panel.reveal();
      if (useId) this.focus(open, useId);
      return;
    }
    this.pendingFocus.set(sidecar, useId);
    await vscode.commands.executeCommand('vscode.openWith', toUri(sidecar), USE_FORM_VIEW_TYPE);
  }

  /** Uses to bring into view in forms being opened. */
  private readonly pendingFocus = new Map<string, string | undefined>();

  resolveCustomTextEditor(document: vscode.TextDocument, panel: vscode.WebviewPanel): void {
    const sidecar = toCorePath(document.uri);
    const form: OpenForm = { panel, ready: false, focus: this.pendingFocus.get(sidecar) };
    this.pendingFocus.delete(sidecar);
    this.forms.set(sidecar, form);
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'media');
    const dist = vscode.Uri.joinPath(this.context.extensionUri, 'dist');
    panel.webview.options = { enableScripts: true, localResourceRoots: [media, dist] };
    panel.webview.html = formPage(panel.webview, media, dist);
    const subscriptions = [
      panel.webview.onDidReceiveMessage((message: FromForm) => void this.received(document, form, message)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document !== document || event.contentChanges.length === 0) return;
        this.show(sidecar, form);
        // Undo and redo change the text in the editor only: saved at once, as every change in the form is.
        if (event.reason !== undefined && document.isDirty && parseSidecar(document.getText()).ok) void document.save();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.show(sidecar, form)),
    ];
    panel.onDidDispose(() => {
      if (this.forms.get(sidecar) === form) this.forms.delete(sidecar);
      for (const subscription of subscriptions) subscription.dispose();
    });
  }

  private focus(form: OpenForm, useId: string): void {
    if (form.ready) void this.post(form, { type: 'focus', useId });
    else form.focus = useId;
  }

  private post(form: OpenForm, message: ToForm): Thenable<boolean> {
    return form.panel.webview.postMessage(message);
  }

  private show(sidecar: string, form: OpenForm): void {
    if (!form.ready) return;
    const document = openDocumentAt(sidecar);
    if (!document) return;
    const fixes = new Map<string, Fix>();
    const state = this.stateOf(sidecar, document.getText(), fixes);
    form.fixes = fixes;
    void this.post(form, { type: 'show', state });
  }

  /** What the form shows of the sidecar's `text`; the fixes it offers are put in `fixes`. */
  private stateOf(sidecar: string, text: string, fixes: Map<string, Fix>): FormState {
    const parsed = parseSidecar(text);
    const about = isFolderSidecar(sidecar)
      ? `Files in ${path.posix.basename(path.posix.dirname(sidecar))}`
      : path.posix.basename(subjectPathOf(sidecar));
    const base = { fileName: path.posix.basename(sidecar), about, sections: USE_FORM };
    const records = new Map((this.context.index.usesOf(sidecar) ?? []).map((record) => [record.use.id, record]));
    const catalog = this.context.index.catalogFor(sidecar);
    // Only the rule's page where the form cannot change the file.
    const canChange = parsed.ok && parsed.newerFormat === undefined && vscode.workspace.isTrusted;
    const formFinding = (finding: Finding): FormFinding => ({
      severity: finding.severity,
      // Shown under its use: a misspelled key is named within the use, not by the use's place in the file.
      message:
        finding.misspelled && finding.useId !== undefined
          ? misspelledFieldMessage(finding.misspelled.path.slice(2), finding.misspelled.meant, finding.misspelled.into)
          : finding.message,
      rule: finding.rule,
      fixes: fixesFor(finding, catalog.find(finding.rule)).flatMap((fix) => {
        const shown = FORM_FIXES[fix.command];
        if (!shown || (!shown.link && !canChange) || (shown.onlyPreferred && !fix.preferred)) return [];
        const key = fixKey(fix);
        fixes.set(key, fix);
        return [{ title: shown.link ? 'About this rule' : fix.title, key, icon: shown.icon, ...(shown.link ? { link: true } : {}) }];
      }),
    });
    const findings = (this.context.index.findingsOf(sidecar) ?? []).map((finding) => [finding.useId, formFinding(finding)] as const);
    const findingsOf = (useId: string | undefined) => findings.filter(([about]) => about === useId).map(([, finding]) => finding);
    const shown = (use: Use) => formUse(use, records.get(use.id), findingsOf(use.id));
    if (!parsed.ok) {
      const unreadable = parsed.problems.map((p) => {
        const fix = p.meant !== undefined && p.path && vscode.workspace.isTrusted ? keyFix(p.path, p.meant, p.into) : undefined;
        return {
          line: p.start.line,
          column: p.start.column,
          message: p.message,
          ...(fix ? { rename: { fix, title: keyFixTitle(fix) } } : {}),
        };
      });
      // The uses that do validate are shown, read-only: the file is not written until it is fixed.
      const uses = parsed.salvage?.sidecar.uses.map(shown) ?? [];
      const readOnly = 'The uses below can be changed here once the problems above are fixed in the JSON.';
      return { ...base, uses, findings: [], unreadable, readOnly: uses.length > 0 ? readOnly : undefined };
    }
    const readOnly = !vscode.workspace.isTrusted
      ? 'This workspace is not trusted: the form shows the uses but cannot change them. Trust the workspace to edit.'
      : parsed.newerFormat !== undefined
        ? `A newer AI Disclosure wrote this file (format version ${parsed.newerFormat}): update the extension to change it.`
        : undefined;
    return { ...base, readOnly, unreadable: [], uses: parsed.sidecar.uses.map(shown), findings: findingsOf(undefined) };
  }

  private async received(document: vscode.TextDocument, form: OpenForm, message: FromForm): Promise<void> {
    const sidecar = toCorePath(document.uri);
    try {
      switch (message.type) {
        case 'ready':
          form.ready = true;
          this.show(sidecar, form);
          this.opened.fire(sidecar);
          if (form.focus) this.focus(form, form.focus);
          form.focus = undefined;
          return;
        case 'check':
          await this.post(form, {
            type: 'checked',
            useId: message.useId,
            problems: this.problemsOf(document, message.useId, message.changes),
          });
          return;
        case 'save': {
          const problems = await this.saveChanges(document, message.useId, message.changes);
          const saved = Object.keys(problems).length === 0 ? message.changes : undefined;
          await this.post(form, { type: 'checked', useId: message.useId, problems, saved });
          return;
        }
        case 'remove':
          await removeUse(this.context, sidecar, message.useId);
          return;
        case 'reveal':
          await revealUse(this.context.index, sidecar, message.useId);
          return;
        case 'fix': {
          const fix = form.fixes?.get(message.key);
          if (!fix) throw new Refusal('That fix no longer applies (the file changed meanwhile); nothing was changed.');
          await vscode.commands.executeCommand(fix.command, ...fix.args);
          return;
        }
        case 'rename': {
          // Only a sidecar that does not validate: the store writes only those that do, so its key is renamed in the document.
          const parsed = parseSidecar(document.getText());
          await fixKeyInDocument(document, parsed.ok ? [] : parsed.problems, message.fix);
          return;
        }
        case 'openJson': {
          const at = new vscode.Position(Math.max(0, (message.line ?? 1) - 1), Math.max(0, (message.column ?? 1) - 1));
          await vscode.window.showTextDocument(document, { selection: new vscode.Range(at, at), preview: false });
          return;
        }
      }
    } catch (error) {
      const said = error instanceof Error ? error.message : String(error);
      if (message.type === 'save') await this.post(form, { type: 'checked', useId: message.useId, problems: { '': said } });
      else void vscode.window.showErrorMessage(`AI Disclosure: ${said}`);
      if (!(error instanceof Refusal)) this.context.log(`use form: ${said}`);
    }
  }

  /** What is wrong with a use once the form's changes are applied to it as the editor holds it. */
  private problemsOf(document: vscode.TextDocument, useId: string, changes: Record<string, FieldValue>): Record<string, string> {
    const parsed = parseSidecar(document.getText());
    const use = parsed.ok ? parsed.sidecar.uses.find((candidate) => candidate.id === useId) : undefined;
    if (!use) return { '': 'This use is no longer in the file (removed or changed meanwhile).' };
    return formProblems(applyFormChanges(use, changes));
  }

  /**
   * Writes a use's changes through the store (its lock, a fresh read, an atomic write), after the
   * same check the form shows while typing; returns the problems, none when it was written.
   * Nothing is written while a field is wrong.
   */
  async saveChanges(document: vscode.TextDocument, useId: string, changes: Record<string, FieldValue>): Promise<Record<string, string>> {
    const problems = this.problemsOf(document, useId, changes);
    if (Object.keys(problems).length > 0) return problems;
    // The store reads the editor's text when it is unsaved: saved first, so the file and the editor agree.
    if (document.isDirty) await document.save();
    await updateUse(this.context.fs, toCorePath(document.uri), useId, (use) => {
      const changed = applyFormChanges(use, changes);
      const stillWrong = formProblems(changed);
      if (Object.keys(stillWrong).length > 0) throw new Refusal(Object.values(stillWrong)[0]);
      replaceContents(use, changed);
      use.updated = timestamp(new Date());
    });
    return {};
  }

  /** The sidecars whose forms are open. */
  get openForms(): string[] {
    return [...this.forms.keys()];
  }

  dispose(): void {
    this.opened.dispose();
    this.subscription.dispose();
  }
}

/**
 * Renames or moves the key at `fix.path` of a sidecar that does not validate, where the problem
 * naming it (of the document's `problems`) places it, and saves the document (as every change in
 * the form is).
 */
async function fixKeyInDocument(document: vscode.TextDocument, problems: readonly JsonProblem[], fix: KeyFix): Promise<void> {
  if (!vscode.workspace.isTrusted) throw new UntrustedWorkspaceError();
  const problem = problems.find((p) => p.meant === fix.meant && p.into === fix.into && JSON.stringify(p.path) === JSON.stringify(fix.path));
  const edit = problem && keyFixEdit(document, toRange(problem), fix);
  if (!edit) throw new Refusal('That key is no longer in the file as it was (changed meanwhile); nothing was changed.');
  if (!(await vscode.workspace.applyEdit(edit))) throw new Refusal('The editor did not take the change; nothing was changed.');
  await document.save();
}

/** Makes `target` hold what `source` holds (the store changes the use it was handed). */
function replaceContents(target: Use, source: Use): void {
  const into = target as Record<string, unknown>;
  for (const key of Object.keys(into)) if (!(key in source)) delete into[key];
  Object.assign(into, source);
}

function formUse(use: Use, record: UseRecord | undefined, findings: FormFinding[]): FormUse {
  const recorded = [`Recorded as ${use.id}`, use.author && `by ${use.author}`, `on ${use.created.slice(0, 10)}`].filter(Boolean).join(' ');
  return {
    id: use.id,
    name: useName(use),
    where: record ? placeOf(record) : 'Not checked yet',
    status: record ? STATUS_LABELS[record.status] : 'Not checked yet',
    canReveal: Boolean(record?.range ?? record?.screenplayRange) || (record?.subjects.length ?? 0) > 0,
    findings,
    values: formValues(use),
    recorded: use.updated ? `${recorded}; last changed on ${use.updated.slice(0, 10)}` : recorded,
  };
}

/** Where a use is, in words: the scene and lines of a passage, or the files it covers. */
function placeOf(record: UseRecord): string {
  const scene = record.scene ?? record.use.anchor?.scene;
  if (record.range) {
    const lines =
      record.range.start.line === record.range.end.line
        ? `line ${record.range.start.line}`
        : `lines ${record.range.start.line}–${record.range.end.line}`;
    const inScene = scene ? `${scene.number ? `Scene ${scene.number}: ` : ''}${scene.heading}, ` : '';
    return `${inScene}${lines} of ${path.posix.basename(record.range.file)}`;
  }
  if (record.use.anchor) return 'Passage not found in the script';
  if (record.subjects.length === 1) return path.posix.basename(record.subjects[0]);
  return `${record.subjects.length} files`;
}

/** The form's page: its own script and styles only (strict CSP), fonts from the extension. */
function formPage(webview: vscode.Webview, media: vscode.Uri, dist: vscode.Uri): string {
  const script = randomToken(16);
  const csp = [
    "default-src 'none'",
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `script-src 'nonce-${script}'`,
  ].join('; ');
  const asset = (base: vscode.Uri, ...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(base, ...parts)).toString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset(dist, 'codicons', 'codicon.css')}">
<link rel="stylesheet" href="${asset(media, 'useForm.css')}">
<title>AI uses</title>
</head>
<body>
<main id="form"></main>
<script nonce="${script}" src="${asset(dist, 'useForm.js')}"></script>
</body>
</html>`;
}

/**
 * `aiDisclosure.editUse`: the form of a use, from a CodeLens, the AI Uses view, a hover or a quick
 * fix (sidecar and use id), from a sidecar's JSON editor (its Uri), or from the palette (pick one).
 */
export async function editUse(context: CommandContext, forms: UseFormEditor, sidecar?: unknown, useId?: unknown): Promise<void> {
  if (sidecar instanceof vscode.Uri) return forms.open(toCorePath(sidecar));
  if (typeof sidecar === 'string') return forms.open(sidecar, typeof useId === 'string' ? useId : undefined);
  await context.index.whenReady();
  const records = context.index.uses;
  if (records.length === 0) throw new Refusal('No AI uses are recorded yet: tag a passage or a file first.');
  const picked = await vscode.window.showQuickPick(
    records.map((record) => ({
      label: useName(record.use),
      description: `${STATUS_LABELS[record.status]} · ${placeOf(record)}`,
      detail: record.use.purpose,
      record,
    })),
    { title: 'Edit an AI use', placeHolder: 'Which use?', matchOnDescription: true, matchOnDetail: true },
  );
  if (picked) await forms.open(picked.record.sidecar, picked.record.use.id);
}

/** `aiDisclosure.openSidecarAsJson`: the sidecar shown in a form, as the JSON it is. */
export async function openSidecarAsJson(sidecar?: unknown): Promise<void> {
  const uri = sidecar instanceof vscode.Uri ? sidecar : typeof sidecar === 'string' ? toUri(sidecar) : activeFormUri();
  if (!uri) throw new Refusal('Open a sidecar (a .ai.json file) first.');
  await vscode.window.showTextDocument(uri, { preview: false });
}

function activeFormUri(): vscode.Uri | undefined {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputCustom && input.viewType === USE_FORM_VIEW_TYPE ? input.uri : undefined;
}
