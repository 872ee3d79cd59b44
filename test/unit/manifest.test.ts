import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { generatedFiles } from '../../src/core/artifacts';
import { RULES } from '../../src/core/policy/rules';
import { PROVENANCE_EXTENSIONS } from '../../src/core/provenance/provenance';
import { RULE_IDS } from '../../src/core/sidecar/schema';
import { COMMANDS } from '../../src/vscode/constants';
import { REPO_ROOT } from '../support/fixtures';

const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('package metadata stays in step with the code', () => {
  it('keeps the core free of any vscode import', () => {
    const offenders = filesUnder(path.join(REPO_ROOT, 'src/core')).filter((file) =>
      /from ['"]vscode['"]|require\(['"]vscode['"]\)/.test(readFileSync(file, 'utf8')),
    );
    assert.deepEqual(offenders, []);
    const cli = filesUnder(path.join(REPO_ROOT, 'src/cli')).filter((file) =>
      /from ['"]vscode['"]|\/vscode\//.test(readFileSync(file, 'utf8')),
    );
    assert.deepEqual(cli, [], 'the CLI uses the core only');
  });

  it('declares exactly the commands the extension registers', () => {
    const declared = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(declared, Object.values(COMMANDS).sort());
  });

  it('walks through existing commands with images the package ships', () => {
    const shipped = readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8');
    const commandIds = new Set(Object.values(COMMANDS) as string[]);
    for (const walkthrough of manifest.contributes.walkthroughs as {
      steps: { id: string; description: string; media: { image: string } }[];
    }[]) {
      for (const step of walkthrough.steps) {
        assert.ok(statSync(path.join(REPO_ROOT, step.media.image)).size > 0, `${step.id}: ${step.media.image} exists`);
        assert.ok(shipped.includes(`!${path.posix.dirname(step.media.image)}/*.png`), `${step.id}: its image is packaged`);
        for (const [, id] of step.description.matchAll(/\(command:(aiDisclosure\.[A-Za-z]+)\)/g))
          assert.ok(commandIds.has(id), `${step.id}: ${id}`);
      }
    }
  });

  it('has a registry entry for every fixed rule id, and the other way round', () => {
    assert.deepEqual(RULES.map((r) => r.id).sort(), [...RULE_IDS].sort());
  });

  it('has committed generated files (JSON Schema, rule docs, the sidecar validator) that match the core', () => {
    for (const [file, text] of Object.entries(generatedFiles())) {
      const committed = readFileSync(path.join(REPO_ROOT, file), 'utf8');
      assert.equal(committed, text, `${file} is stale: run "npm run generate"`);
    }
  });

  it('points jsonValidation at the generated schema', () => {
    const [validation] = manifest.contributes.jsonValidation;
    assert.equal(path.normalize(validation.url), path.normalize('./schemas/ai-sidecar.schema.json'));
    assert.ok(validation.fileMatch.includes('*.ai.json'));
  });

  it('stays loadable by the VS Code our tests run in (1.100)', () => {
    const minimum = /^\^?(\d+)\.(\d+)/.exec(manifest.engines.vscode)!;
    assert.ok(Number(minimum[1]) === 1 && Number(minimum[2]) <= 100, manifest.engines.vscode);
    const types = /(\d+)\.(\d+)/.exec(manifest.devDependencies['@types/vscode'])!;
    assert.ok(Number(types[2]) <= Number(minimum[2]), '@types/vscode must not be newer than engines.vscode');
  });

  it('offers tagging from metadata in the Explorer for exactly the media whose provenance is read', () => {
    const entry = manifest.contributes.menus['explorer/context'].find((m: { command: string }) => m.command === COMMANDS.tagFromMetadata);
    const pattern = /resourceExtname =~ \/(.+)\/i/.exec(entry.when)?.[1];
    assert.ok(pattern, entry.when);
    const matches = (extension: string) => new RegExp(pattern, 'i').test(extension);
    for (const extension of PROVENANCE_EXTENSIONS) assert.ok(matches(extension) && matches(extension.toUpperCase()), extension);
    for (const extension of ['.exr', '.dpx', '.txt', '.fountain', '.flac', '.mp']) assert.ok(!matches(extension), extension);
  });

  it('documents every setting with a scope and markdownDescription', () => {
    for (const [key, setting] of Object.entries<Record<string, unknown>>(manifest.contributes.configuration.properties)) {
      assert.ok(setting.scope, `${key} has a scope`);
      assert.ok(setting.markdownDescription, `${key} has a markdownDescription`);
    }
  });

  it('starts on a language only where it defines that language', () => {
    // A language VS Code or another extension owns (Markdown, plain text, XML for .fdx) would start
    // this extension outside productions, with the owner's loading counted in its activation time.
    const defined = new Set(manifest.contributes.grammars.map((grammar: { language: string }) => grammar.language));
    const languageEvents = (manifest.activationEvents as string[]).filter((event) => event.startsWith('onLanguage:'));
    assert.ok(languageEvents.length > 0, 'a Fountain script starts it');
    for (const event of languageEvents) assert.ok(defined.has(event.slice('onLanguage:'.length)), `${event} names a language defined here`);
  });

  it('ships a Fountain grammar and language configuration that parse', () => {
    for (const contribution of [...manifest.contributes.grammars, ...manifest.contributes.languages]) {
      const file = contribution.path ?? contribution.configuration;
      // A language's extensions alone (`.fdx` as XML) bring no file.
      if (file === undefined) continue;
      assert.doesNotThrow(() => JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8')), file);
    }
  });
});
