/**
 * Benchmark (prints numbers; asserts nothing): reading the provenance of 10,000 asset files the way
 * a check does, to show it reads headers only. The files are real-format fixtures made large
 * (sparse, so they take no disk): images of 8-24 MB, video of 200-800 MB, sound of 50 MB.
 * Run: npm run bench:assets
 */
import { copyFileSync, closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { FileSystem } from '../../src/core/fs/fileSystem';
import { MediaCache } from '../../src/core/fs/mediaCache';
import { nodeFileSystem } from '../../src/core/fs/nodeFileSystem';
import { readProvenance } from '../../src/core/provenance/provenance';
import { checkProduction } from '../../src/core/workspace/production';
import { checkUndeclaredAssets } from '../../src/core/workspace/undeclared';

const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'provenance');
const COUNT = Number(process.env.ASSETS ?? 10_000);
const MB = 1024 * 1024;
const KINDS: [fixture: string, minMB: number, maxMB: number][] = [
  ['xmp-generated.jpg', 8, 24],
  ['plain.jpg', 8, 24],
  ['xmp-camera.jpg', 8, 24],
  ['c2pa-generated.jpg', 8, 24],
  ['xmp-generated.png', 8, 24],
  ['plain.png', 8, 24],
  ['c2pa-camera.jpg', 8, 24],
  ['xmp-generated.tif', 8, 24],
  ['xmp-generated.mp4', 200, 800],
  ['xmp-generated.wav', 50, 50],
];

const root = mkdtempSync(path.join(tmpdir(), 'ai-disclosure-assets-'));
let logical = 0;
const files: string[] = [];
for (let i = 0; i < COUNT; i++) {
  const [fixture, min, max] = KINDS[i % KINDS.length];
  const folder = path.join(root, `reel${Math.floor(i / 1000)}`, `shot${Math.floor(i / 50) % 20}`);
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `asset-${i}${path.extname(fixture)}`);
  copyFileSync(path.join(FIXTURES, fixture), file);
  const size = Math.round((min + (((i * 7919) % 1000) / 1000) * (max - min)) * MB);
  const handle = openSync(file, 'r+');
  ftruncateSync(handle, size);
  closeSync(handle);
  logical += size;
  files.push(file.split(path.sep).join('/'));
}

/** Counts what the reader asks of the disk. */
let bytesRead = 0;
let reads = 0;
const counting: FileSystem = {
  ...nodeFileSystem,
  async openForReading(file) {
    const reader = await nodeFileSystem.openForReading(file);
    return {
      async read(offset, length) {
        const bytes = await reader.read(offset, length);
        bytesRead += bytes.length;
        reads++;
        return bytes;
      },
      close: () => reader.close(),
    };
  },
  async readFile(file) {
    const bytes = await nodeFileSystem.readFile(file);
    bytesRead += bytes.length;
    reads++;
    return bytes;
  },
};

async function main(): Promise<void> {
  console.log(`${COUNT.toLocaleString('en')} assets, ${(logical / 1024 ** 4).toFixed(2)} TiB as files (sparse on disk), in ${root}`);
  const started = performance.now();
  const findings = await checkUndeclaredAssets(files, (file) => readProvenance(counting, file));
  const seconds = (performance.now() - started) / 1000;
  console.log('');
  console.log(
    "| assets | undeclared found | wall time | files per second | bytes read per file (mean) | reads per file | share of the files' bytes read |",
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  console.log(
    `| ${COUNT.toLocaleString('en')} | ${findings.length.toLocaleString('en')} | ${seconds.toFixed(2)} s | ${Math.round(COUNT / seconds).toLocaleString('en')} | ${Math.round(bytesRead / COUNT).toLocaleString('en')} B | ${(reads / COUNT).toFixed(2)} | ${((bytesRead / logical) * 100).toFixed(4)} % |`,
  );

  // As the CLI runs it: with the production's media cache file (none yet), then again with it.
  const posixRoot = root.split(path.sep).join('/');
  // Beside the production, as the user's cache folder is: not one of its files.
  const cacheFile = `${posixRoot}.media-cache`;
  const timedCheck = async () => {
    const started = performance.now();
    const media = await MediaCache.load(nodeFileSystem, cacheFile);
    const result = await checkProduction(nodeFileSystem, posixRoot, { media });
    await media.save(nodeFileSystem, cacheFile);
    return { seconds: (performance.now() - started) / 1000, findings: result.findings.length };
  };
  const first = await timedCheck();
  const again = await timedCheck();
  console.log('');
  console.log(
    `Whole \`check\` of the same folder (walk, config, provenance of every asset): ${first.seconds.toFixed(2)} s, ${first.findings.toLocaleString('en')} findings; again with the media cache file: ${again.seconds.toFixed(2)} s, ${again.findings.toLocaleString('en')} findings; peak RSS ${Math.round(process.memoryUsage().rss / MB)} MiB.`,
  );
  rmSync(root, { recursive: true, force: true });
  rmSync(cacheFile, { force: true });
}

void main();
