import * as vscode from 'vscode';
import { REPORT_FORMATS, ReportFormat } from '../core/report/render';

/** The extension's settings, read in one place and treated as untrusted input. */
export interface Settings {
  decorationsEnabled: boolean;
  taggedBackground: boolean;
  codeLensEnabled: boolean;
  author: string;
  reportFormat: ReportFormat;
}

export const SETTINGS_SECTION = 'aiDisclosure';

export function readSettings(log?: (message: string) => void): Settings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const bool = (key: string, fallback: boolean) => {
    const value = config.get<unknown>(key);
    if (value === undefined || typeof value === 'boolean') return value ?? fallback;
    log?.(`Setting ${SETTINGS_SECTION}.${key} should be true or false, not ${JSON.stringify(value)}; using ${fallback}.`);
    return fallback;
  };
  const format = config.get<unknown>('report.defaultFormat');
  const reportFormat =
    typeof format === 'string' && (REPORT_FORMATS as readonly string[]).includes(format) ? (format as ReportFormat) : 'html';
  if (format !== undefined && format !== reportFormat) {
    log?.(`Setting ${SETTINGS_SECTION}.report.defaultFormat must be one of ${REPORT_FORMATS.join(', ')}; using html.`);
  }
  const author = config.get<unknown>('tag.author');
  return {
    decorationsEnabled: bool('decorations.enabled', true),
    taggedBackground: bool('decorations.background', true),
    codeLensEnabled: bool('codeLens.enabled', true),
    author: typeof author === 'string' ? author.trim() : '',
    reportFormat,
  };
}
