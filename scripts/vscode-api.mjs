// Stands in for the `vscode` module in the editor's bundles (see vscodeApiOnce in build.mjs).
export * from 'vscode';
