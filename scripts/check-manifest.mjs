// Fails when custom-elements.json, or any file made from it (scripts/generate.mjs: the
// Vue and Svelte typings, the editor data, the React components, the JSX event map), is
// not what the analyzer and the generators make from the current source.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// The analyzer resolves --outdir against the working directory, so the scratch folder
// lives inside the repository (node_modules/.cache is ignored by git).
mkdirSync(path.join(root, 'node_modules/.cache'), { recursive: true });
const out = mkdtempSync(path.join(root, 'node_modules/.cache/gd-manifest-'));

/** Every file under `dir`, relative to it. */
const filesUnder = (dir) =>
  (existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }) : [])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath ?? entry.path, entry.name)));

try {
  execFileSync(
    path.join(root, 'node_modules/.bin/cem'),
    ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', path.relative(root, out), '--quiet'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  execFileSync(
    process.execPath,
    [path.join(root, 'scripts/generate.mjs'), '--manifest', path.join(out, 'custom-elements.json'), '--out', out],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const made = filesUnder(out);
  // Files in the generated folders that the generators no longer make are stale too.
  const generatedFolders = ['types', 'editor', 'src/react'];
  const committed = generatedFolders.flatMap((folder) => filesUnder(path.join(root, folder)).map((file) => path.join(folder, file)));
  const handWritten = new Set(['src/react/shared.ts']);
  const stale = [
    ...made.filter(
      (file) =>
        !existsSync(path.join(root, file)) ||
        readFileSync(path.join(root, file), 'utf8').trim() !== readFileSync(path.join(out, file), 'utf8').trim(),
    ),
    ...committed.filter((file) => !handWritten.has(file) && !made.includes(file)),
  ];
  if (stale.length) {
    console.error(`gd-kit: generated files are stale: ${stale.join(', ')}; run \`npm run analyze\` and commit them.`);
    process.exit(1);
  }
  const tags = JSON.parse(readFileSync(path.join(out, 'custom-elements.json'), 'utf8')).modules.flatMap((m) =>
    (m.declarations ?? []).filter((d) => d.tagName).map((d) => d.tagName),
  );
  console.log(
    `manifest: custom-elements.json and the ${made.length - 1} files made from it current (${tags.join(', ') || 'no elements yet'})`,
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}
