import { Answer, ApprovalStatus, CONSENT_STATUSES, Environment, INPUT_KINDS, TALENT_KINDS } from './schema';

/**
 * What each recorded value means, in words a producer uses. The sidecar keeps the short values;
 * questions, forms and reports show these.
 */
export const ENVIRONMENT_LABELS: Record<Environment, string> = {
  enterprise: "The production's enterprise account (secured)",
  local: "On this machine or the facility's own servers",
  consumer: 'A consumer or personal account',
  unknown: 'Not known',
};

export const INPUT_KIND_LABELS: Record<(typeof INPUT_KINDS)[number], string> = {
  script: 'Script pages or story material',
  'unreleased-assets': 'Unreleased artwork, footage or sound of the production',
  footage: 'Production footage',
  'talent-likeness': "A performer's likeness or voice",
  'personal-data': 'Personal data (cast, crew, contributors)',
  'third-party-material': "Material the production does not own (others' works)",
};

export const TALENT_KIND_LABELS: Record<(typeof TALENT_KINDS)[number], string> = {
  'digital-replica': 'Digital replica of a performer',
  'voice-clone': 'Voice clone',
  'performance-alteration': 'Alteration of a recorded performance',
  'synthetic-performer': 'Synthetic performer (not based on a real person)',
};

export const CONSENT_LABELS: Record<(typeof CONSENT_STATUSES)[number], string> = {
  granted: 'Granted in writing',
  requested: 'Requested',
  none: 'None yet',
};

export const APPROVAL_LABELS: Record<ApprovalStatus, string> = {
  'not-requested': 'Not requested',
  pending: 'Requested, pending',
  approved: 'Approved in writing',
  denied: 'Denied',
};

/** Where a tool ran, short enough for a table cell. */
export const ENVIRONMENT_SHORT_LABELS: Record<Environment, string> = {
  enterprise: 'enterprise account',
  local: 'run locally',
  consumer: 'consumer account',
  unknown: 'where it ran not known',
};

export const FINAL_LABELS: Record<Answer, string> = {
  yes: 'In the final deliverables',
  no: 'Temporary',
  unknown: 'Not decided',
};
