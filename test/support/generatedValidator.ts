import * as assert from 'node:assert/strict';
import ts from 'typescript';
import * as z from '../../src/core/json/zod';
import { Refinements, validatorSource } from '../../src/core/json/validatorSource';

/** The validator `validatorSource` writes for `schema`, compiled as the build compiles it and run with `refinements`. */
export function generatedValidator(schema: z.ZodMiniType, refinements: Refinements): (input: unknown) => boolean {
  const source = validatorSource(schema, { name: 'isValid', source: 'a test', refinements });
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  });
  const exports: { isValid?: (input: unknown) => boolean } = {};
  const require = (from: string) => (from === refinements.from ? refinements.byName : assert.fail(`the validator imports ${from}`));
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the generated module, run as the bundle would hold it
  new Function('exports', 'require', outputText)(exports, require);
  return exports.isValid ?? assert.fail('no validator exported');
}
