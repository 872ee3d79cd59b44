import * as z from './zod';
import type { SchemaNode } from './zod';

/** How the generated module reaches the schema's refinements: by these names, imported from `from`. */
export interface Refinements {
  byName: Record<string, (value: never) => unknown>;
  from: string;
}

export interface ValidatorModule {
  /** The exported function's name. */
  name: string;
  /** The module the schema is written in, for the header that says where to make changes. */
  source: string;
  refinements: Refinements;
}

/** Schema parts the generator does not know: the build stops and says where, rather than guess. */
export class UnsupportedSchemaError extends Error {}

/** The parts of a check's definition the generator reads. */
interface CheckDef {
  check: string;
  format?: string;
  pattern?: RegExp;
  minimum?: number;
  maximum?: number;
  value?: number;
  inclusive?: boolean;
  fn?: (value: never) => unknown;
}

interface NodeDef {
  type: string;
  coerce?: boolean;
  checks?: readonly { _zod: { def: CheckDef } }[];
  values?: readonly unknown[];
  entries?: Record<string, unknown>;
}

/**
 * The TypeScript source of a module exporting `name(input): boolean`, true exactly when `schema`
 * accepts `input` (a value `JSON.parse` gave). Written by `npm run generate` and committed: a
 * process validates its first file without zod generating code or evaluating it, and the code
 * builds no output while it checks. Only what the sidecar's schemas use is known (objects, arrays,
 * strings, numbers, literals, enums, optional and default values, lazy schemas, and refinements
 * that are named exports of the schema's module); anything else is an `UnsupportedSchemaError`.
 */
export function validatorSource(schema: SchemaNode, module: ValidatorModule): string {
  const generator = new Generator(module.refinements);
  const root = generator.functionFor(schema, []);
  const used = Object.keys(module.refinements.byName).filter((name) => generator.usedRefinements.has(name));
  return [
    `// Generated from ${module.source} by "npm run generate": change the schema there, not this file.`,
    ...(used.length > 0 ? [`import { ${used.join(', ')} } from '${module.refinements.from}';`] : []),
    '',
    ...generator.constants,
    '',
    ...generator.functions,
    '',
    `/** Whether the schema accepts \`input\`, a value JSON.parse gave; zod's parse is the authority on anything else. */`,
    `export function ${module.name}(input: unknown): boolean {`,
    `  return ${root}(input);`,
    `}`,
    '',
  ].join('\n');
}

class Generator {
  readonly constants: string[] = [];
  readonly functions: string[] = [];
  readonly usedRefinements = new Set<string>();
  /** Function names by body: schemas written alike (described copies, repeated fields) share one. */
  private readonly namesByBody = new Map<string, string>();
  private readonly namesByNode = new Map<SchemaNode, string>();
  private readonly constantsByText = new Map<string, string>();
  private readonly refinementNames: Map<unknown, string>;

  constructor(refinements: Refinements) {
    this.refinementNames = new Map(Object.entries(refinements.byName).map(([name, fn]) => [fn, name]));
  }

  /** The name of a function that checks `node`; `path` says where it is when it cannot be generated. */
  functionFor(node: SchemaNode, path: readonly string[]): string {
    const known = this.namesByNode.get(node);
    if (known) return known;
    if (path.length > 64) throw new UnsupportedSchemaError(`${where(path)}: the schema contains itself`);
    const body = this.bodyOf(node, path);
    let name = this.namesByBody.get(body);
    if (!name) {
      name = `valid${this.namesByBody.size}`;
      this.namesByBody.set(body, name);
      this.functions.push(`function ${name}(x: unknown): boolean {\n${body}\n}`);
    }
    this.namesByNode.set(node, name);
    return name;
  }

  private bodyOf(node: SchemaNode, path: readonly string[]): string {
    const def = node._zod.def as SchemaNode['_zod']['def'] & NodeDef;
    if (def.coerce) throw new UnsupportedSchemaError(`${where(path)}: a coercion changes the value it checks`);
    const checks = (def.checks ?? []).map((check) => this.checkOf(check._zod.def, path));
    // A check on a wrapper (an optional, a union) would also be asked of values it was never written for.
    if (checks.length > 0 && !CHECKED_TYPES.has(def.type))
      throw new UnsupportedSchemaError(`${where(path)}: a check on a schema of type "${def.type}"`);
    const inner = (child: SchemaNode | undefined, step: string) => {
      if (!child) throw new UnsupportedSchemaError(`${where(path)}: a ${def.type} without its inner schema`);
      return this.functionFor(child, [...path, step]);
    };
    const returning = (test: string) => `  return ${[test, ...checks].join(' && ')};`;
    switch (def.type) {
      case 'unknown':
      case 'any':
        return returning('true');
      case 'string':
        return returning(`typeof x === 'string'`);
      case 'boolean':
        return returning(`typeof x === 'boolean'`);
      case 'number':
        return returning(`typeof x === 'number' && Number.isFinite(x)`);
      case 'literal':
        return returning(`(${(def.values ?? []).map((value) => `x === ${literal(value, path)}`).join(' || ')})`);
      case 'enum': {
        const values = `new Set<unknown>([${Object.values(def.entries ?? {})
          .map((value) => literal(value, path))
          .join(', ')}])`;
        return returning(`${this.constant('allowed', values)}.has(x)`);
      }
      case 'optional':
      case 'default':
        return returning(`(x === undefined || ${inner(def.innerType, '?')}(x))`);
      case 'nullable':
        return returning(`(x === null || ${inner(def.innerType, '?')}(x))`);
      case 'lazy':
        return returning(`${inner(node._zod.innerType, '~')}(x)`);
      case 'union':
        return returning(`(${(def.options ?? []).map((option, i) => `${this.functionFor(option, [...path, `|${i}`])}(x)`).join(' || ')})`);
      case 'array':
        return [
          `  if (!Array.isArray(x)${checks.map((check) => ` || !(${check})`).join('')}) return false;`,
          `  for (let i = 0; i < x.length; i++) if (!${inner(def.element, '[]')}(x[i])) return false;`,
          `  return true;`,
        ].join('\n');
      case 'object':
        return this.objectBody(def, path);
      default:
        throw new UnsupportedSchemaError(`${where(path)}: a ${def.type} schema is not generated`);
    }
  }

  private objectBody(def: SchemaNode['_zod']['def'], path: readonly string[]): string {
    const shape = def.shape ?? {};
    const members = Object.entries(shape).map(([key, child]) => {
      const check = `${this.functionFor(child, [...path, key])}(o[${JSON.stringify(key)}])`;
      // zod refuses an absent key unless its schema may be absent (optional, default), even one that accepts undefined (z.unknown()).
      return mayBeAbsent(child) || !acceptsUndefined(child) ? check : `${JSON.stringify(key)} in o && ${check}`;
    });
    const catchall = def.catchall?._zod.def.type;
    const lines = [
      `  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;`,
      `  const o = x as Record<string, unknown>;`,
    ];
    // No catch-all (z.object) drops unknown keys and z.looseObject keeps them: both accept them.
    if (catchall === 'never') {
      const known = this.constant('keys', `new Set<string>(${JSON.stringify(Object.keys(shape))})`);
      lines.push(`  for (const key of Object.keys(o)) if (!${known}.has(key)) return false;`);
    } else if (catchall !== undefined && catchall !== 'unknown' && catchall !== 'any') {
      throw new UnsupportedSchemaError(`${where(path)}: an object whose other keys must be a ${catchall}`);
    }
    lines.push(`  return ${members.join(' &&\n    ') || 'true'};`);
    return lines.join('\n');
  }

  /** A check as an expression on `x` (already of the node's type). */
  private checkOf(check: CheckDef, path: readonly string[]): string {
    switch (check.check) {
      case 'min_length':
        return `x.length >= ${check.minimum}`;
      case 'max_length':
        return `x.length <= ${check.maximum}`;
      case 'greater_than':
        return `x ${check.inclusive ? '>=' : '>'} ${check.value}`;
      case 'less_than':
        return `x ${check.inclusive ? '<=' : '<'} ${check.value}`;
      case 'number_format':
        if (check.format === 'safeint') return `Number.isSafeInteger(x)`;
        break;
      case 'string_format':
        // A global or sticky pattern would test from where its last match ended.
        if (check.format === 'regex' && check.pattern && !check.pattern.global && !check.pattern.sticky)
          return `${this.constant('pattern', check.pattern.toString())}.test(x)`;
        break;
      case 'custom': {
        const name = this.refinementNames.get(check.fn);
        if (!name)
          throw new UnsupportedSchemaError(`${where(path)}: a refinement that is not one of the named ones the generated module imports`);
        this.usedRefinements.add(name);
        return `!!${name}(x)`;
      }
    }
    throw new UnsupportedSchemaError(`${where(path)}: a ${check.check}${check.format ? ` (${check.format})` : ''} check is not generated`);
  }

  /** A module-level constant holding `text`, one per distinct text. */
  private constant(kind: string, text: string): string {
    let name = this.constantsByText.get(text);
    if (!name) {
      name = `${kind}${this.constantsByText.size}`;
      this.constantsByText.set(text, name);
      this.constants.push(`const ${name} = ${text};`);
    }
    return name;
  }
}

/** Whether an object's key may be left out for `node` (an optional or a default one). */
function mayBeAbsent(node: SchemaNode): boolean {
  return node._zod.optin !== undefined;
}

function acceptsUndefined(node: SchemaNode): boolean {
  try {
    return z.safeParse(node as unknown as z.ZodMiniType, undefined).success;
  } catch {
    return true; // a refinement that cannot take undefined: let the generated code ask for the key
  }
}

/** The schema types whose checks the generator writes: each value is of the type when its checks run. */
const CHECKED_TYPES = new Set(['string', 'number', 'array']);

function literal(value: unknown, path: readonly string[]): string {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || Number.isFinite(value)) return JSON.stringify(value);
  throw new UnsupportedSchemaError(`${where(path)}: a literal that JSON cannot hold (a ${typeof value})`);
}

function where(path: readonly string[]): string {
  return `$${path.map((step) => (/^[|?~[]/.test(step) ? step : `.${step}`)).join('')}`;
}
