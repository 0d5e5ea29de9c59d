// Fails when custom-elements.json is not what the analyzer makes from the current source.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
// The analyzer resolves --outdir against the working directory, so the scratch folder
// lives inside the repository (node_modules/.cache is ignored by git).
mkdirSync(path.join(root, 'node_modules/.cache'), { recursive: true });
const out = mkdtempSync(path.join(root, 'node_modules/.cache/gd-manifest-'));
try {
  execFileSync(
    path.join(root, 'node_modules/.bin/cem'),
    ['analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', path.relative(root, out), '--quiet'],
    { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const fresh = readFileSync(path.join(out, 'custom-elements.json'), 'utf8');
  const committed = existsSync(path.join(root, 'custom-elements.json'))
    ? readFileSync(path.join(root, 'custom-elements.json'), 'utf8')
    : '';
  if (fresh.trim() !== committed.trim()) {
    console.error('gd-kit: custom-elements.json is stale; run `npm run analyze` and commit it.');
    process.exit(1);
  }
  const tags = JSON.parse(fresh).modules.flatMap((m) => (m.declarations ?? []).filter((d) => d.tagName).map((d) => d.tagName));
  console.log(`manifest: custom-elements.json current (${tags.join(', ') || 'no elements yet'})`);
} finally {
  rmSync(out, { recursive: true, force: true });
}
