// Generated from src/core/sidecar/schema.ts by "npm run generate": change the schema there, not this file.
import { isNotBlank, staysInsideFolder } from './schema';

const pattern0 = /^[0-9a-f]{64}$/;
const pattern1 = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const allowed2 = new Set<unknown>(["enterprise", "consumer", "local", "unknown"]);
const allowed3 = new Set<unknown>(["yes", "no", "unknown"]);
const allowed4 = new Set<unknown>(["script", "unreleased-assets", "footage", "talent-likeness", "personal-data", "third-party-material"]);
const allowed5 = new Set<unknown>(["digital-replica", "voice-clone", "performance-alteration", "synthetic-performer"]);
const allowed6 = new Set<unknown>(["employment-based", "independently-created", "background"]);
const allowed7 = new Set<unknown>(["none", "requested", "granted"]);
const pattern8 = /^\d{4}-\d{2}-\d{2}([T ][0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;
const allowed9 = new Set<unknown>(["not-requested", "pending", "approved", "denied"]);
const pattern10 = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function valid0(x: unknown): boolean {
  return typeof x === 'string';
}
function valid1(x: unknown): boolean {
  return (x === undefined || valid0(x));
}
function valid2(x: unknown): boolean {
  return (x === 1);
}
function valid3(x: unknown): boolean {
  return typeof x === 'string' && !!isNotBlank(x);
}
function valid4(x: unknown): boolean {
  return typeof x === 'string' && pattern0.test(x);
}
function valid5(x: unknown): boolean {
  return (x === undefined || valid4(x));
}
function valid6(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return valid3(o["file"]) &&
    valid5(o["sha256"]);
}
function valid7(x: unknown): boolean {
  return (x === undefined || valid6(x));
}
function valid8(x: unknown): boolean {
  return typeof x === 'string' && pattern1.test(x);
}
function valid9(x: unknown): boolean {
  return (x === undefined || valid3(x));
}
function valid10(x: unknown): boolean {
  return typeof x === 'string' && !!isNotBlank(x) && !!staysInsideFolder(x);
}
function valid11(x: unknown): boolean {
  if (!Array.isArray(x) || !(x.length >= 1)) return false;
  for (let i = 0; i < x.length; i++) if (!valid10(x[i])) return false;
  return true;
}
function valid12(x: unknown): boolean {
  return (x === undefined || valid11(x));
}
function valid13(x: unknown): boolean {
  return typeof x === 'string' && x.length >= 1;
}
function valid14(x: unknown): boolean {
  return typeof x === 'number' && Number.isFinite(x) && Number.isSafeInteger(x) && x >= 1;
}
function valid15(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return valid14(o["line"]) &&
    valid14(o["column"]);
}
function valid16(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return valid0(o["heading"]) &&
    valid1(o["number"]);
}
function valid17(x: unknown): boolean {
  return (x === undefined || valid16(x));
}
function valid18(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return valid13(o["quote"]) &&
    valid0(o["prefix"]) &&
    valid0(o["suffix"]) &&
    valid15(o["start"]) &&
    valid15(o["end"]) &&
    valid17(o["scene"]);
}
function valid19(x: unknown): boolean {
  return (x === undefined || valid18(x));
}
function valid20(x: unknown): boolean {
  return allowed2.has(x);
}
function valid21(x: unknown): boolean {
  return allowed3.has(x);
}
function valid22(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return valid3(o["name"]) &&
    valid1(o["version"]) &&
    valid1(o["vendor"]) &&
    valid20(o["environment"]) &&
    valid21(o["retainsInputs"]) &&
    valid21(o["trainsOnInputs"]);
}
function valid23(x: unknown): boolean {
  return allowed4.has(x);
}
function valid24(x: unknown): boolean {
  if (!Array.isArray(x)) return false;
  for (let i = 0; i < x.length; i++) if (!valid23(x[i])) return false;
  return true;
}
function valid25(x: unknown): boolean {
  return (x === undefined || valid24(x));
}
function valid26(x: unknown): boolean {
  if (!Array.isArray(x)) return false;
  for (let i = 0; i < x.length; i++) if (!valid0(x[i])) return false;
  return true;
}
function valid27(x: unknown): boolean {
  return (x === undefined || valid26(x));
}
function valid28(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return valid27(o["copyrightedWorks"]) &&
    valid27(o["publicFigures"]);
}
function valid29(x: unknown): boolean {
  return (x === undefined || valid28(x));
}
function valid30(x: unknown): boolean {
  return allowed5.has(x);
}
function valid31(x: unknown): boolean {
  return allowed6.has(x);
}
function valid32(x: unknown): boolean {
  return (x === undefined || valid31(x));
}
function valid33(x: unknown): boolean {
  return (x === undefined || valid21(x));
}
function valid34(x: unknown): boolean {
  return allowed7.has(x);
}
function valid35(x: unknown): boolean {
  return typeof x === 'string' && pattern8.test(x);
}
function valid36(x: unknown): boolean {
  return (x === undefined || valid35(x));
}
function valid37(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return valid34(o["status"]) &&
    valid1(o["reference"]) &&
    valid36(o["date"]);
}
function valid38(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return valid30(o["kind"]) &&
    valid27(o["performers"]) &&
    valid21(o["unionCovered"]) &&
    valid32(o["replicaKind"]) &&
    valid33(o["alterationWithinScript"]) &&
    valid33(o["unionNotified"]) &&
    valid37(o["consent"]);
}
function valid39(x: unknown): boolean {
  return (x === undefined || valid38(x));
}
function valid40(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return valid21(o["depictsReal"]) &&
    valid21(o["presentedAsReal"]) &&
    valid1(o["audienceDisclosure"]);
}
function valid41(x: unknown): boolean {
  return (x === undefined || valid40(x));
}
function valid42(x: unknown): boolean {
  return allowed9.has(x);
}
function valid43(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return valid42(o["status"]) &&
    valid1(o["by"]) &&
    valid36(o["date"]) &&
    valid1(o["reference"]);
}
function valid44(x: unknown): boolean {
  return (x === undefined || valid43(x));
}
function valid45(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return valid35(o["date"]) &&
    valid1(o["to"]);
}
function valid46(x: unknown): boolean {
  return (x === undefined || valid45(x));
}
function valid47(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return valid21(o["handedToWriters"]) &&
    valid21(o["disclosedToWriters"]);
}
function valid48(x: unknown): boolean {
  return (x === undefined || valid47(x));
}
function valid49(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return valid1(o["timecode"]) &&
    valid1(o["sourceMaterial"]) &&
    valid1(o["copyrightStatus"]);
}
function valid50(x: unknown): boolean {
  return (x === undefined || valid49(x));
}
function valid51(x: unknown): boolean {
  return typeof x === 'string' && pattern10.test(x);
}
function valid52(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return valid51(o["rule"]) &&
    valid3(o["reason"]) &&
    valid1(o["by"]) &&
    valid36(o["date"]);
}
function valid53(x: unknown): boolean {
  if (!Array.isArray(x)) return false;
  for (let i = 0; i < x.length; i++) if (!valid52(x[i])) return false;
  return true;
}
function valid54(x: unknown): boolean {
  return (x === undefined || valid53(x));
}
function valid55(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return valid8(o["id"]) &&
    valid9(o["title"]) &&
    valid12(o["files"]) &&
    valid19(o["anchor"]) &&
    valid1(o["description"]) &&
    valid22(o["tool"]) &&
    valid3(o["purpose"]) &&
    valid1(o["prompt"]) &&
    valid21(o["final"]) &&
    valid21(o["keyCreative"]) &&
    valid25(o["inputs"]) &&
    valid29(o["references"]) &&
    valid39(o["talent"]) &&
    valid41(o["realism"]) &&
    valid44(o["approval"]) &&
    valid46(o["notified"]) &&
    valid48(o["writers"]) &&
    valid33(o["directorConsulted"]) &&
    valid33(o["provenanceMarked"]) &&
    valid50(o["cueSheet"]) &&
    valid54(o["suppressions"]) &&
    valid1(o["author"]) &&
    valid35(o["created"]) &&
    valid36(o["updated"]);
}
function valid56(x: unknown): boolean {
  if (!Array.isArray(x)) return false;
  for (let i = 0; i < x.length; i++) if (!valid55(x[i])) return false;
  return true;
}
function valid57(x: unknown): boolean {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const o = x as Record<string, unknown>;
  return valid1(o["$schema"]) &&
    valid2(o["version"]) &&
    valid7(o["subject"]) &&
    valid56(o["uses"]);
}
function valid58(x: unknown): boolean {
  return valid57(x);
}

/** Whether the schema accepts `input`, a value JSON.parse gave; zod's parse is the authority on anything else. */
export function isValidSidecar(input: unknown): boolean {
  return valid58(input);
}
