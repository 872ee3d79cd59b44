import type * as CborX from 'cbor-x';
import { fourCC, hex, uint32BE, uint64BE } from './byteSource';

/** One action a C2PA manifest records (`c2pa.created`, `c2pa.edited`, …). */
export interface C2paAction {
  action: string;
  /** The IPTC term, e.g. `trainedAlgorithmicMedia`. */
  digitalSourceType?: string;
  /** The tool, "name version" as the manifest gives it. */
  softwareAgent?: string;
}

/** What the active manifest of a C2PA manifest store says. Signatures are not validated here. */
export interface C2paManifest {
  manifests: number;
  actions: C2paAction[];
  claimGenerator?: string;
}

interface JumbfBox {
  type: string;
  /** Superboxes: their description label and type, and their children. */
  label?: string;
  uuid?: string;
  children: JumbfBox[];
  payload: Uint8Array;
}

/** Reads JUMBF boxes (ISO 19566-5): a size, a four-character type, then content or child boxes. */
function readBoxes(bytes: Uint8Array, depth = 0): JumbfBox[] {
  const boxes: JumbfBox[] = [];
  let at = 0;
  while (at + 8 <= bytes.length && boxes.length < 10_000) {
    let size = uint32BE(bytes, at);
    let headerLength = 8;
    if (size === 1) {
      size = uint64BE(bytes, at + 8);
      headerLength = 16;
    } else if (size === 0) size = bytes.length - at;
    if (size < headerLength || at + size > bytes.length) break;
    const type = fourCC(bytes, at + 4);
    const payload = bytes.subarray(at + headerLength, at + size);
    const box: JumbfBox = { type, children: [], payload };
    if (type === 'jumb' && depth < 16) {
      box.children = readBoxes(payload, depth + 1);
      const description = box.children[0];
      if (description?.type === 'jumd' && description.payload.length >= 17) {
        box.uuid = hex(description.payload.subarray(0, 4));
        const toggles = description.payload[16];
        if (toggles & 0x02) {
          const end = description.payload.indexOf(0, 17);
          box.label = new TextDecoder().decode(description.payload.subarray(17, end < 0 ? undefined : end));
        }
      }
    }
    boxes.push(box);
    at += size;
  }
  return boxes;
}

const TYPE = { store: hex(new TextEncoder().encode('c2pa')), assertions: hex(new TextEncoder().encode('c2as')) };

/** Reads the active (last) manifest's actions and claim generator; `undefined` if this is no manifest store. */
export async function readManifestStore(bytes: Uint8Array): Promise<C2paManifest | undefined> {
  const [store] = readBoxes(bytes);
  if (!store || store.uuid !== TYPE.store) return undefined;
  const manifests = store.children.filter((box) => box.type === 'jumb');
  const active = manifests[manifests.length - 1];
  if (!active) return { manifests: 0, actions: [] };
  const { decode } = await loadCbor();
  const cborContent = (box: JumbfBox): unknown => {
    const content = box.children.find((child) => child.type === 'cbor');
    if (!content) return undefined;
    try {
      return decode(content.payload);
    } catch {
      return undefined;
    }
  };
  const actions: C2paAction[] = [];
  let claimGenerator: string | undefined;
  for (const part of active.children) {
    if (part.uuid === TYPE.assertions) {
      for (const assertion of part.children) {
        if (/^c2pa\.actions(\.v2)?(__\d+)?$/.test(assertion.label ?? '')) actions.push(...actionsOf(cborContent(assertion)));
      }
    } else if (/^c2pa\.claim(\.v2)?$/.test(part.label ?? '')) {
      claimGenerator = claimGeneratorOf(cborContent(part));
    }
  }
  return { manifests: manifests.length, actions, ...(claimGenerator ? { claimGenerator } : {}) };
}

/** Loaded on first use, like exifr: only files with a C2PA manifest need it. */
let cbor: Promise<typeof CborX> | undefined;
const loadCbor = (): Promise<typeof CborX> => (cbor ??= import('cbor-x'));

const asRecord = (value: unknown): Record<string, unknown> | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
const asText = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : undefined;

function actionsOf(content: unknown): C2paAction[] {
  const list = asRecord(content)?.actions;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => {
    const record = asRecord(entry);
    const action = asText(record?.action);
    if (!record || !action) return [];
    const sourceType = asText(record.digitalSourceType);
    const agent = softwareName(record.softwareAgent);
    return [
      { action, ...(sourceType ? { digitalSourceType: sourceTypeTerm(sourceType) } : {}), ...(agent ? { softwareAgent: agent } : {}) },
    ];
  });
}

/** A software agent is a string (manifest v1) or `{ name, version }` (v2). */
function softwareName(agent: unknown): string | undefined {
  const record = asRecord(agent);
  if (!record) return asText(agent);
  return [asText(record.name), asText(record.version)].filter(Boolean).join(' ') || undefined;
}

function claimGeneratorOf(claim: unknown): string | undefined {
  const record = asRecord(claim);
  if (!record) return undefined;
  const info = record.claim_generator_info;
  return softwareName(Array.isArray(info) ? info[0] : info) ?? asText(record.claim_generator);
}

/** `http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia` → `trainedAlgorithmicMedia`. */
export function sourceTypeTerm(value: string): string {
  return value.trim().replace(/\/+$/, '').split('/').pop() ?? value;
}
