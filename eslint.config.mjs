// Lint with type information (typescript-eslint's recommended type-checked rules), as well-kept
// extensions do; style is left to Prettier. `npm test` runs this, and a lint error fails it.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const NODE_MODULE_MESSAGE = 'The core must run in a web worker: reach Node through an injected interface (FileSystem).';
/** Node's globals that a web worker lacks. */
const NODE_GLOBALS = ['Buffer', 'process', 'setImmediate', 'clearImmediate', 'require', 'module', '__dirname', '__filename', 'global'];

export default tseslint.config(
  {
    ignores: ['dist/', 'out/', 'node_modules/', 'test/e2e/.cache/', 'test/e2e/.run/', 'test/fixtures/', 'examples/'],
  },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      // An async function without await is how a throw becomes a rejection (readers, handlers).
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    // The core runs in the CLI, the Node extension host and (next) a web worker: no editor API,
    // and no Node-only module or global outside the files listed below.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'The core knows nothing of VS Code: go through an injected interface.' },
            ...builtinModules.map((name) => ({ name, message: NODE_MODULE_MESSAGE })),
          ],
          patterns: [{ group: ['node:*'], message: NODE_MODULE_MESSAGE }],
        },
      ],
      'no-restricted-globals': [
        'error',
        ...NODE_GLOBALS.map((name) => ({ name, message: 'The core must run in a web worker, which has no Node globals.' })),
      ],
    },
  },
  {
    // The core's Node adapters, which the CLI and the Node extension host hand in: the file system,
    // and the user's caches on disk (and V8's code cache). A web build brings its own of both; a
    // new file does not join this list.
    files: ['src/core/fs/nodeFileSystem.ts', 'src/core/fs/userCache.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'The core knows nothing of VS Code.' }] }],
      'no-restricted-globals': 'off',
    },
  },
  {
    // Tests read what the code wrote (JSON.parse gives any) and assert that things are there: the
    // unsafe-any and non-null rules would only repeat what the assertions check.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
);
