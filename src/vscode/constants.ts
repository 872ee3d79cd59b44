/** Every command id, defined once; package.json is checked against this list by a test. */
export const COMMANDS = {
  tagSelection: 'aiDisclosure.tagSelection',
  tagScene: 'aiDisclosure.tagScene',
  tagFiles: 'aiDisclosure.tagFiles',
  exportReport: 'aiDisclosure.exportReport',
  recheck: 'aiDisclosure.recheck',
  markTemporary: 'aiDisclosure.markTemporary',
  markNotified: 'aiDisclosure.markNotified',
  markDirectorConsulted: 'aiDisclosure.markDirectorConsulted',
  markProvenanceMarked: 'aiDisclosure.markProvenanceMarked',
  recordApproval: 'aiDisclosure.recordApproval',
  recordConsent: 'aiDisclosure.recordConsent',
  recordAudienceDisclosure: 'aiDisclosure.recordAudienceDisclosure',
  suppressRule: 'aiDisclosure.suppressRule',
  renameField: 'aiDisclosure.renameField',
  reconfirmAsset: 'aiDisclosure.reconfirmAsset',
  tagFromMetadata: 'aiDisclosure.tagFromMetadata',
  relinkSidecar: 'aiDisclosure.relinkSidecar',
  deleteSidecar: 'aiDisclosure.deleteSidecar',
  removeUse: 'aiDisclosure.removeUse',
  openRuleDocs: 'aiDisclosure.openRuleDocs',
  revealUse: 'aiDisclosure.revealUse',
  acceptAnchor: 'aiDisclosure.acceptAnchor',
  reattachUse: 'aiDisclosure.reattachUse',
  groupByStatus: 'aiDisclosure.groupByStatus',
  groupByRule: 'aiDisclosure.groupByRule',
  showMoreUses: 'aiDisclosure.showMoreUses',
  openScreenplay: 'aiDisclosure.openScreenplay',
  openScreenplaySource: 'aiDisclosure.openScreenplaySource',
  editUse: 'aiDisclosure.editUse',
  setUpProduction: 'aiDisclosure.setUpProduction',
  openSidecarAsJson: 'aiDisclosure.openSidecarAsJson',
} as const;

/** Read-only Fountain renderings of Final Draft files (./screenplay.ts). */
export const SCREENPLAY_SCHEME = 'ai-disclosure-screenplay';

/** The AI Uses view. */
export const USES_VIEW_ID = 'aiDisclosure.uses';

/** Diagnostics and code actions are matched on this source. */
export const DIAGNOSTIC_SOURCE = 'AI Disclosure';

/** Languages whose documents can hold tagged passages. */
export const SCRIPT_LANGUAGES = ['fountain', 'markdown', 'plaintext'] as const;

/** Memento key for the tools a person tagged with recently (most recent first). */
export const RECENT_TOOLS_KEY = 'aiDisclosure.recentTools';

/** The form that shows a sidecar's uses (./useEditor.ts), a custom editor for `*.ai.json`. */
export const USE_FORM_VIEW_TYPE = 'aiDisclosure.useForm';
