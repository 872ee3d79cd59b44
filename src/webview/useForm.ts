/**
 * The use form, in the webview. It draws what the extension sends and sends back what the person
 * changed; the extension checks each change with the sidecar's schema and writes it. Text from the
 * sidecar is only ever set as text content or a field's value, never as markup.
 */
import type { FieldValue, FormField } from '../core/sidecar/form';
import type { FormFinding, FormFix, FormState, FormUse, FromForm, KeyRename, ToForm } from './protocol';

declare function acquireVsCodeApi(): { postMessage(message: FromForm): void };

const vscode = acquireVsCodeApi();
const root = document.getElementById('form') as HTMLElement;

let state: FormState | undefined;
/** Changes not yet saved, by use and field: kept across redraws, sent with every check and save. */
const drafts = new Map<string, Record<string, FieldValue>>();
/** Problems the extension found, by use and field. */
const problems = new Map<string, Record<string, string>>();
const checkTimers = new Map<string, number>();
/** Checking while typing waits for a pause this long. */
const CHECK_AFTER_MS = 150;

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

function icon(name: string): HTMLElement {
  return element('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

function button(label: string, iconName: string, onClick: () => void, secondary = false): HTMLButtonElement {
  const node = element('button', { type: 'button', class: secondary ? 'secondary' : '' }, icon(iconName), label);
  node.addEventListener('click', onClick);
  return node;
}

/** Ids safe to use in the DOM for any use id and field key. */
function fieldId(use: FormUse, key: string): string {
  return `f-${state?.uses.indexOf(use) ?? 0}-${key.replace(/[^A-Za-z0-9]/g, '-')}`;
}

function useSectionId(index: number): string {
  return `use-${index}`;
}

function draw(): void {
  if (!state) return;
  // Focus is put back only where it was: a redraw while the person works elsewhere (a background
  // re-check) must not pull the keyboard into the form.
  const focused = document.hasFocus() && document.activeElement instanceof HTMLElement ? document.activeElement.id : '';
  const selection =
    document.activeElement instanceof HTMLInputElement || document.activeElement instanceof HTMLTextAreaElement
      ? [document.activeElement.selectionStart, document.activeElement.selectionEnd]
      : undefined;
  root.replaceChildren(header(state), ...unreadable(state), ...state.uses.map((use, index) => useSection(use, index)));
  const again = focused ? document.getElementById(focused) : null;
  if (again) {
    again.focus();
    if (selection && (again instanceof HTMLInputElement || again instanceof HTMLTextAreaElement)) {
      again.setSelectionRange(selection[0], selection[1]);
    }
  }
}

/** How many uses the file records, said truly of a file that does not read: only its readable uses are counted. */
function recordedLine(current: FormState, count: string): string {
  if (current.unreadable.length === 0) return `${count} recorded in ${current.fileName}`;
  return current.uses.length > 0
    ? `${count} readable in ${current.fileName}; any others are shown once the problems below are fixed`
    : `The AI uses in ${current.fileName} are shown once the problems below are fixed`;
}

function header(current: FormState): HTMLElement {
  const count = current.uses.length === 1 ? '1 AI use' : `${current.uses.length} AI uses`;
  const nav =
    current.uses.length > 1
      ? element(
          'nav',
          { 'aria-label': 'Uses in this file' },
          element(
            'ul',
            {},
            ...current.uses.map((use, index) => element('li', {}, element('a', { href: `#${useSectionId(index)}` }, use.name))),
          ),
        )
      : '';
  return element(
    'header',
    {},
    element('h1', {}, current.about),
    element('p', { class: 'subtle' }, recordedLine(current, count)),
    element(
      'div',
      { class: 'actions' },
      button('Open as JSON', 'json', () => vscode.postMessage({ type: 'openJson' }), true),
    ),
    current.readOnly ? element('p', { class: 'notice', role: 'status' }, icon('lock'), current.readOnly) : '',
    current.findings.length > 0 ? findingList(current.findings, 'Findings about this file') : '',
    nav,
  );
}

function unreadable(current: FormState): HTMLElement[] {
  if (current.unreadable.length === 0) return [];
  return [
    element(
      'section',
      { class: 'problems', 'aria-labelledby': 'unreadable-title' },
      element('h2', { id: 'unreadable-title' }, icon('error'), 'This file cannot be shown as a form'),
      element('p', {}, 'Nothing in it was changed. Fix these places in the JSON, and the form comes back:'),
      element(
        'ul',
        {},
        ...current.unreadable.map((problem) => {
          const link = element('a', { href: '#' }, `Line ${problem.line}, column ${problem.column}`);
          link.addEventListener('click', (event) => {
            event.preventDefault();
            vscode.postMessage({ type: 'openJson', line: problem.line, column: problem.column });
          });
          const item = element('li', {}, link, `: ${problem.message}`);
          if (problem.rename) item.append(' ', renameButton(problem.rename));
          return item;
        }),
      ),
    ),
  ];
}

const SEVERITY_ICONS = { error: 'error', warning: 'warning', information: 'info', hint: 'lightbulb' } as const;

/** A button that renames a misspelled key of a sidecar that does not validate, or moves a misplaced one where it belongs. */
function renameButton({ fix, title }: KeyRename): HTMLButtonElement {
  return button(title, 'edit', () => vscode.postMessage({ type: 'rename', fix }), true);
}

/** What can be done about a finding from here: reading about its rule (a link), and the fixes that are not a field of the form. */
function fixControl({ title, key, icon: iconName, link }: FormFix): HTMLElement {
  const send = () => vscode.postMessage({ type: 'fix', key });
  if (!link) return button(title, iconName, send, true);
  const anchor = element('a', { href: '#', class: 'rule-link' }, icon(iconName), title);
  anchor.addEventListener('click', (event) => {
    event.preventDefault();
    send();
  });
  return anchor;
}

/** Findings, each with what the form can do about it. */
function findingList(findings: FormFinding[], label = 'Findings'): HTMLElement {
  return element(
    'ul',
    { class: 'findings', 'aria-label': label },
    ...findings.map(({ severity, message, fixes }) =>
      element(
        'li',
        { class: severity },
        icon(SEVERITY_ICONS[severity]),
        element('span', { class: 'message' }, message),
        ...fixes.map(fixControl),
      ),
    ),
  );
}

function useSection(use: FormUse, index: number): HTMLElement {
  const titleId = `${useSectionId(index)}-title`;
  const findings =
    use.findings.length > 0
      ? findingList(use.findings)
      : element('p', { class: 'clean' }, icon('pass'), 'Within the guidelines: no findings.');
  const actions = element(
    'div',
    { class: 'actions' },
    ...(use.canReveal ? [button('Show', 'go-to-file', () => vscode.postMessage({ type: 'reveal', useId: use.id }), true)] : []),
    ...(state?.readOnly ? [] : [button('Remove use…', 'trash', () => vscode.postMessage({ type: 'remove', useId: use.id }), true)]),
  );
  const whole = problems.get(use.id)?.[''];
  return element(
    'section',
    { class: 'use', id: useSectionId(index), 'aria-labelledby': titleId, tabindex: '-1' },
    element('h2', { id: titleId }, use.name),
    element('p', { class: 'subtle' }, `${use.status} · ${use.where}`),
    findings,
    actions,
    whole ? element('p', { class: 'error', role: 'alert' }, icon('error'), whole) : '',
    ...(state?.sections ?? []).map((section) =>
      element(
        'fieldset',
        {},
        element('legend', {}, section.title),
        section.help ? element('p', { class: 'subtle' }, section.help) : '',
        ...section.fields.map((field) => fieldRow(use, field)),
      ),
    ),
    element('p', { class: 'subtle recorded' }, use.recorded),
  );
}

function currentValue(use: FormUse, key: string): FieldValue {
  return drafts.get(use.id)?.[key] ?? use.values[key] ?? '';
}

function fieldRow(use: FormUse, field: FormField): HTMLElement {
  const id = fieldId(use, field.key);
  const problem = problems.get(use.id)?.[field.key];
  const described = [field.help ? `${id}-help` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common: Record<string, string> = { id, name: field.key };
  if (described) common['aria-describedby'] = described;
  if (problem) common['aria-invalid'] = 'true';
  if (field.required) common['aria-required'] = 'true';
  if (state?.readOnly) common.disabled = '';
  const value = currentValue(use, field.key);
  const label = element('label', { for: id }, field.label, field.required ? element('span', { class: 'required' }, ' (required)') : '');
  let control: HTMLElement;
  switch (field.control.kind) {
    case 'choice': {
      const select = element('select', common);
      for (const choice of field.control.choices) select.append(element('option', { value: choice.value }, choice.label));
      // A value this release has no label for is shown as it is, never replaced by the first choice.
      if (!field.control.choices.some((choice) => choice.value === value))
        select.append(element('option', { value: String(value) }, String(value)));
      select.value = String(value);
      control = select;
      break;
    }
    case 'choices': {
      const chosen = new Set(Array.isArray(value) ? value : [value]);
      control = element(
        'fieldset',
        { class: 'choices', id, ...(described ? { 'aria-describedby': described } : {}) },
        element('legend', {}, field.label),
        ...field.control.choices.map((choice, at) => {
          const box = element('input', { type: 'checkbox', id: `${id}-${at}`, value: choice.value, name: field.key });
          box.checked = chosen.has(choice.value);
          box.disabled = Boolean(state?.readOnly);
          return element('div', { class: 'choice' }, box, element('label', { for: `${id}-${at}` }, choice.label));
        }),
      );
      break;
    }
    case 'paragraph':
    case 'lines': {
      const area = element('textarea', { ...common, rows: field.control.kind === 'lines' ? '3' : '4' });
      area.value = Array.isArray(value) ? value.join('\n') : value;
      control = area;
      break;
    }
    case 'text': {
      const input = element('input', {
        ...common,
        type: 'text',
        ...(field.control.placeholder ? { placeholder: field.control.placeholder } : {}),
      });
      input.value = String(value);
      control = input;
      break;
    }
  }
  control.addEventListener('input', () => edited(use, field, control, false));
  control.addEventListener('change', () => edited(use, field, control, true));
  return element(
    'div',
    { class: `field${problem ? ' invalid' : ''}` },
    field.control.kind === 'choices' ? '' : label,
    field.help ? element('p', { class: 'help subtle', id: `${id}-help` }, field.help) : '',
    control,
    problem ? element('p', { class: 'error', id: `${id}-error` }, icon('error'), problem) : '',
  );
}

function valueOf(field: FormField, control: HTMLElement): FieldValue {
  if (field.control.kind === 'choices') {
    return [...control.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].filter((box) => box.checked).map((box) => box.value);
  }
  return (control as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement).value;
}

/** Typing is checked after a pause; a finished change (leaving the field, choosing) is saved. */
function edited(use: FormUse, field: FormField, control: HTMLElement, finished: boolean): void {
  const draft = drafts.get(use.id) ?? {};
  draft[field.key] = valueOf(field, control);
  drafts.set(use.id, draft);
  window.clearTimeout(checkTimers.get(use.id));
  if (finished) {
    vscode.postMessage({ type: 'save', useId: use.id, changes: { ...draft } });
    return;
  }
  checkTimers.set(
    use.id,
    window.setTimeout(() => vscode.postMessage({ type: 'check', useId: use.id, changes: { ...draft } }), CHECK_AFTER_MS),
  );
}

/** Drops the drafts a save wrote; a field changed again meanwhile keeps its newer draft. */
function forgetSaved(useId: string, saved: Record<string, FieldValue>): void {
  const draft = drafts.get(useId);
  if (!draft) return;
  for (const [key, value] of Object.entries(saved)) if (JSON.stringify(draft[key]) === JSON.stringify(value)) delete draft[key];
  if (Object.keys(draft).length === 0) drafts.delete(useId);
}

/** Shows a use's problems in place, without redrawing the field being typed in. */
function showProblems(useId: string, found: Record<string, string>): void {
  problems.set(useId, found);
  const use = state?.uses.find((candidate) => candidate.id === useId);
  if (!use) return;
  const section = document.getElementById(useSectionId(state?.uses.indexOf(use) ?? 0));
  if (!section) return;
  for (const row of section.querySelectorAll<HTMLElement>('.field')) {
    const control = row.querySelector<HTMLElement>('[name]') ?? row.querySelector<HTMLElement>('fieldset');
    const key = control?.getAttribute('name');
    if (!control || !key) continue;
    const id = fieldId(use, key);
    const problem = found[key];
    row.classList.toggle('invalid', Boolean(problem));
    row.querySelector('.error')?.remove();
    const target = control.closest('fieldset.choices') ?? control;
    if (problem) {
      row.append(element('p', { class: 'error', id: `${id}-error` }, icon('error'), problem));
      target.setAttribute('aria-invalid', 'true');
    } else {
      target.removeAttribute('aria-invalid');
    }
    const described = [row.querySelector('.help') ? `${id}-help` : '', problem ? `${id}-error` : ''].filter(Boolean).join(' ');
    if (described) target.setAttribute('aria-describedby', described);
    else target.removeAttribute('aria-describedby');
  }
}

window.addEventListener('message', (event: MessageEvent<ToForm>) => {
  const message = event.data;
  switch (message.type) {
    case 'show':
      state = message.state;
      draw();
      break;
    case 'checked':
      if (message.saved) forgetSaved(message.useId, message.saved);
      showProblems(message.useId, message.problems);
      break;
    case 'focus': {
      const at = state?.uses.findIndex((use) => use.id === message.useId) ?? -1;
      const section = at >= 0 ? document.getElementById(useSectionId(at)) : null;
      section?.scrollIntoView({ block: 'start' });
      section?.focus();
      break;
    }
  }
});

vscode.postMessage({ type: 'ready' });
