// npm run build: unbundled ESM + .d.ts in dist/ (tsc), and dist/cdn/gd-kit.js (rollup).
// Fails if the CDN file keeps any import specifier (it must be self-contained).
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

const started = Date.now();
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
run(bin('tsc'), ['-p', 'tsconfig.json']);
run(bin('rollup'), ['-c', 'rollup.config.mjs', '--silent']);

// The embed page's static files beside its compiled script (dist/embed/).
const embedHtml = readFileSync(path.join(root, 'demo/embed.html'), 'utf8').replace('src="./embed.ts"', 'src="./embed.js"');
if (!embedHtml.includes('src="./embed.js"')) throw new Error('demo/embed.html no longer loads ./embed.ts');
writeFileSync(path.join(root, 'dist/embed/index.html'), embedHtml);
for (const file of ['embed.css', 'favicon.svg']) copyFileSync(path.join(root, 'demo', file), path.join(root, 'dist/embed', file));

const cdnFile = path.join(root, 'dist/cdn/gd-kit.js');
const bundle = readFileSync(cdnFile, 'utf8');
const leftovers = findImportSpecifiers(bundle);
if (leftovers.length) {
  console.error(`gd-kit: dist/cdn/gd-kit.js still imports ${leftovers.join(', ')}; it must be self-contained.`);
  process.exit(1);
}
const gzipKiB = gzipSync(bundle, { level: 9 }).length / 1024;
console.log(
  `build: dist/ (ESM + .d.ts), dist/embed/ and dist/cdn/gd-kit.js — ${(bundle.length / 1024).toFixed(1)} KiB, ${gzipKiB.toFixed(1)} KiB gzip — in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);

/** Static `import … from "x"`, `export … from "x"` and `import("x")` specifiers in minified code. */
export function findImportSpecifiers(code) {
  const specifiers = new Set();
  const patterns = [
    /(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+)["']/g,
    /(?:^|[;}\s])export\s*(?:\*|\{[^}]*\})\s*from\s*["']([^"']+)["']/g,
    /\bimport\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of code.matchAll(pattern)) specifiers.add(match[1]);
  }
  return [...specifiers];
}
