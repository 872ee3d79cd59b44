// Bundles the extension and the CLI with esbuild: one file each, so the extension loads fast and
// the VSIX holds no node_modules. `--production` minifies; `--generate` rewrites the committed
// schemas, rule docs and sidecar validator from the core's single sources; `--watch` rebuilds on
// every change (the F5 launch's background task) and prints esbuild's problem-matcher lines.
import { build, context, transform } from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/**
 * zod's namespace object carries every message locale (about 250 KB of the bundle, a third of the
 * extension's load time); messages here are English, so the locale index resolves to English only.
 */
const englishOnlyZodLocales = {
  name: 'english-only-zod-locales',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${join('node_modules', 'zod')}`) ? { path: join(root, 'scripts', 'zod-locales-en.mjs') } : undefined,
    );
  },
};

const VSCODE_API = join(root, 'scripts', 'vscode-api.mjs');

/**
 * `import * as vscode from 'vscode'` in each of the editor's modules made esbuild copy the whole
 * API object once per module (a getter per name, twenty-odd times at the workbench's load). The
 * modules import this one stand-in instead, which takes the API once.
 */
const vscodeApiOnce = {
  name: 'vscode-api-once',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) =>
      args.importer === VSCODE_API ? { path: 'vscode', external: true } : { path: VSCODE_API },
    );
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's UMD build hides its requires from esbuild; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
  define: { AI_DISCLOSURE_VERSION: JSON.stringify(version) },
  // cbor-x tries cbor-extract's native speed-up in a try/catch and runs without it: not bundled.
  external: ['cbor-extract'],
  plugins: [englishOnlyZodLocales],
};

/**
 * The editor's first look (dist/firstLook.js) shows the open scripts' findings before the workbench
 * (dist/workbench.js, most of the code) loads, and the workbench builds on the very modules the
 * look ran: one instance of each, so it adopts the look's model caches, findings and publisher.
 * esbuild splits what both use into a chunk, and each library imported lazily (the media readers)
 * into a chunk of its own. It splits only ES modules: they are turned into CommonJS, the extension
 * host's format, when written.
 */
const commonJsChunks = {
  name: 'commonjs-chunks',
  setup(build) {
    build.onEnd(async ({ errors, outputFiles }) => {
      if (errors.length > 0 || !outputFiles) return;
      const written = new Set();
      for (const file of outputFiles) {
        const name = basename(file.path);
        const { code, map } = await transform(file.text, {
          format: 'cjs',
          target: 'node20',
          // A lazy chunk is required, as everything else is, when its import() runs.
          supported: { 'dynamic-import': false },
          minify: production,
          sourcemap: production ? false : 'external',
          sourcefile: name,
        });
        writeFileSync(file.path, map ? `${code}//# sourceMappingURL=${name}.map\n` : code);
        if (map) writeFileSync(`${file.path}.map`, map);
        written.add(name);
      }
      // Chunks are named by their content: those of earlier builds are of no use.
      for (const file of readdirSync(join(root, 'dist')))
        if (file.startsWith('chunk-') && !written.has(file.replace(/\.map$/, ''))) rmSync(join(root, 'dist', file));
    });
  },
};

const bundles = [
  { ...common, entryPoints: ['src/vscode/extension.ts'], outfile: 'dist/extension.js', plugins: [...common.plugins, vscodeApiOnce] },
  {
    ...common,
    entryPoints: { firstLook: 'src/vscode/firstLook.ts', workbench: 'src/vscode/workbench.ts' },
    outdir: 'dist',
    splitting: true,
    format: 'esm',
    chunkNames: 'chunk-[hash]',
    write: false,
    // Inline, for the conversion to CommonJS to carry through to the map it writes.
    sourcemap: production ? false : 'inline',
    plugins: [...common.plugins, vscodeApiOnce, commonJsChunks],
  },
  { ...common, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli-main.js' },
  // The CLI's entry: a few lines that run cli-main.js with V8's code cache.
  { ...common, entryPoints: ['src/cli/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  // The use form's script runs in a webview: a browser bundle with nothing of Node.
  { ...common, entryPoints: ['src/webview/useForm.ts'], outfile: 'dist/useForm.js', platform: 'browser', format: 'iife', target: 'es2022' },
];

/** The codicon font the use form draws its icons with, as VS Code's webview guidelines recommend. */
function copyCodicons() {
  const from = join(root, 'node_modules', '@vscode', 'codicons', 'dist');
  const to = join(root, 'dist', 'codicons');
  mkdirSync(to, { recursive: true });
  for (const name of ['codicon.css', 'codicon.ttf']) copyFileSync(join(from, name), join(to, name));
  // The font is CC BY 4.0 and its CSS MIT: their licences travel with them into the package.
  copyFileSync(join(from, '..', 'LICENSE'), join(to, 'LICENSE'));
  copyFileSync(join(from, '..', 'LICENSE-CODE'), join(to, 'LICENSE-CODE'));
}

if (process.argv.includes('--watch')) {
  // The lines tasks.json's problem matcher waits for: "[watch] build started" when the first
  // bundle starts again, "[watch] build finished" when the last one is done.
  let building = 0;
  const announce = {
    name: 'announce-rebuilds',
    setup(build) {
      build.onStart(() => {
        if (building++ === 0) console.log('[watch] build started');
      });
      build.onEnd((result) => {
        for (const { text, location } of result.errors) {
          console.error(`✘ [ERROR] ${text}`);
          if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
        }
        if (--building === 0) console.log('[watch] build finished');
      });
    },
  };
  const contexts = await Promise.all(bundles.map((options) => context({ ...options, plugins: [...options.plugins, announce] })));
  copyCodicons();
  await Promise.all(contexts.map((watching) => watching.watch()));
} else {
  const started = Date.now();
  await Promise.all(bundles.map((options) => build(options)));
  copyCodicons();
  console.log(
    `Built dist/extension.js, dist/firstLook.js, dist/workbench.js and their chunks, dist/cli.js, dist/cli-main.js and dist/useForm.js in ${Date.now() - started} ms${production ? ' (production)' : ''}.`,
  );
}

if (process.argv.includes('--generate')) {
  const temporary = join(root, 'dist', 'generate.cjs');
  await build({ ...common, sourcemap: false, entryPoints: ['src/core/artifacts.ts'], outfile: temporary });
  const { generatedFiles } = createRequire(import.meta.url)(temporary);
  for (const [path, text] of Object.entries(generatedFiles())) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  rmSync(temporary);
  console.log(`Generated ${Object.keys(generatedFiles()).length} files from the core.`);
}
