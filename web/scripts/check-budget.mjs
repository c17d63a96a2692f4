// After `vite build`: precompress every asset (.gz beside it, for `lindungi serve`) and fail
// the build when the JavaScript a first visit loads (the entry chunk and its static imports)
// is above the budget, gzipped.
import { readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const BUDGET = Number(process.env.LINDUNGI_JS_BUDGET ?? 200 * 1024);
const dist = new URL('../dist/', import.meta.url).pathname;

function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const gz = (buf) => gzipSync(buf, { level: constants.Z_BEST_COMPRESSION });
for (const file of walk(dist)) {
  if (!/\.(js|css|html|svg|json|txt)$/.test(file) || file.includes('/.vite/')) continue;
  writeFileSync(file + '.gz', gz(readFileSync(file)));
}

const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8'));
const entry = Object.entries(manifest).find(([, v]) => v.isEntry);
if (!entry) throw new Error('no entry chunk in the manifest');
const initial = new Set();
(function add(key) {
  const chunk = manifest[key];
  if (!chunk || initial.has(chunk.file)) return;
  initial.add(chunk.file);
  for (const imp of chunk.imports ?? []) add(imp);
})(entry[0]);

let total = 0;
for (const file of initial) {
  const size = gz(readFileSync(join(dist, file))).length;
  total += size;
  console.log(`  ${file}  ${(size / 1024).toFixed(1)} KB gzipped`);
}
const kb = (total / 1024).toFixed(1);
if (total > BUDGET) {
  console.error(`Initial JavaScript ${kb} KB gzipped is over the budget of ${BUDGET / 1024} KB.`);
  process.exit(1);
}
console.log(`Initial JavaScript: ${kb} KB gzipped (budget ${BUDGET / 1024} KB).`);
