import * as vscode from 'vscode';

export interface Item<T> extends vscode.QuickPickItem {
  value: T;
}

/**
 * The questions of one tag, numbered as VS Code numbers multi-step input. The count is what is
 * known so far: a new tool's terms or a performer's details add their questions when chosen.
 */
export class Questions {
  private step = 0;

  constructor(
    private readonly title: string,
    private total: number,
  ) {}

  /** Questions that turn out to be needed (or not) once an answer is known. */
  adjust(count: number): void {
    this.total += count;
  }

  /** One choice, or (`many`) any number of them, those marked `picked` chosen to begin with. */
  pick<T>(question: string, items: Item<T>[], many?: false): Promise<T | undefined>;
  pick<T>(question: string, items: Item<T>[], many: true): Promise<T[] | undefined>;
  pick<T>(question: string, items: Item<T>[], many = false): Promise<T | T[] | undefined> {
    const input = vscode.window.createQuickPick<Item<T>>();
    this.place(input);
    input.placeholder = question;
    input.items = items;
    input.canSelectMany = many;
    if (many) input.selectedItems = items.filter((item) => item.picked);
    return this.answer(input, () => (many ? input.selectedItems.map((i) => i.value) : input.activeItems[0]?.value));
  }

  text(question: string, options: { value?: string; placeholder?: string; required?: string }): Promise<string | undefined> {
    const input = vscode.window.createInputBox();
    this.place(input);
    input.prompt = question;
    input.value = options.value ?? '';
    input.placeholder = options.placeholder;
    const validate = () => {
      input.validationMessage = options.required && !input.value.trim() ? options.required : undefined;
    };
    input.onDidChangeValue(validate);
    return this.answer(input, () => {
      validate();
      return input.validationMessage ? undefined : input.value.trim();
    });
  }

  private place(input: vscode.QuickInput): void {
    input.title = this.title;
    input.step = ++this.step;
    input.totalSteps = Math.max(this.total, this.step);
    input.ignoreFocusOut = true;
  }

  /** The answer when accepted (kept open while `read` finds none), `undefined` when dismissed. */
  private answer<Q extends vscode.QuickInput & { onDidAccept: vscode.Event<void> }, T>(
    input: Q,
    read: () => T | undefined,
  ): Promise<T | undefined> {
    return new Promise((resolve) => {
      let answered: T | undefined;
      input.onDidAccept(() => {
        answered = read();
        if (answered !== undefined) input.hide();
      });
      input.onDidHide(() => {
        input.dispose();
        resolve(answered);
      });
      input.show();
    });
  }
}
