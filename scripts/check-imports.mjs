// Keeps the race's folder easy to find one's way in. From the static relative imports
// between the modules of src/elements/optimizer-race/ (imports of shared/ and the core are
// outside it and not counted), fails when
// - a chain of runtime imports from the element is more than MAX_DEPTH modules deep (the
//   element itself not counted: gd-optimizer-race.ts → a → b → c → d is 4 deep), or goes
//   round in a cycle;
// - a model-side module reaches a view module (a template or a painter) through any chain
//   of imports, type-only ones included: the model is read and tested without the view.
// Prints one line per problem, naming the chain; exits 1 if there is any.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const folder = path.join(root, 'src/elements/optimizer-race');
const ELEMENT = 'gd-optimizer-race.ts';
const MAX_DEPTH = 4;

/**
 * The model side: the race's state and computation (settings, the run and its model,
 * preview, verdicts, the optimizers' entries and settings, the swarm's model and pace, the
 * basin computation, the landscape data). A folder ends in '/'.
 */
const MODEL_SIDE = [
  'internal/settings.ts',
  'internal/idle.ts',
  'internal/run/',
  'internal/optimizers/',
  'internal/swarm/swarm-model.ts',
  'internal/swarm/swarm-run.ts',
  'internal/basins/basins.ts',
  'internal/landscape/landscape-cache.ts',
  'internal/landscape/formula-landscape.ts',
];

/** A view module: under internal/view/, or one that makes lit templates or draws on a canvas. */
function isView(name, source) {
  return (
    name.startsWith('internal/view/') ||
    /\bimport\s*\{[^}]*\b(?<!type\s)(html|svg|mathml)\b[^}]*\}\s*from\s*['"]lit['"]/.test(source) ||
    /\bCanvasRenderingContext2D\b|\.getContext\(/.test(source)
  );
}

const isModelSide = (name) => MODEL_SIDE.some((entry) => (entry.endsWith('/') ? name.startsWith(entry) : name === entry));

function listModules(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listModules(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** The module's relative imports inside the folder: `{ target, runtime }` (false for `import type`, `export type`, or all-`type` braces). */
function importsOf(file, source) {
  // Comments could hold example code; strings with // in them do not sit in import lines.
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = [];
  const add = (specifier, runtime) => {
    if (!specifier.startsWith('.')) return;
    const target = path.resolve(path.dirname(file), specifier.replace(/\.js$/, '.ts'));
    if (target.startsWith(folder + path.sep)) found.push({ target: path.relative(folder, target), runtime });
  };
  for (const [, keyword, typeOnly, clause, specifier] of code.matchAll(
    /(?:^|[\n;])\s*(import|export)(\s+type)?\s+([\w\s{},*$]*?)\s*from\s*['"]([^'"]+)['"]/g,
  )) {
    const braces = clause.trim().match(/^\{([\s\S]*)\}$/);
    const allTypes = braces !== null && braces[1].split(',').every((part) => !part.trim() || /^type\s/.test(part.trim()));
    add(specifier, !typeOnly && !(keyword === 'import' && allTypes) && !(keyword === 'export' && allTypes));
  }
  for (const [, specifier] of code.matchAll(/(?:^|[\n;])\s*import\s*['"]([^'"]+)['"]/g)) add(specifier, true);
  for (const [, specifier] of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) add(specifier, true);
  return found;
}

const modules = new Map();
for (const file of listModules(folder)) {
  const name = path.relative(folder, file);
  const source = readFileSync(file, 'utf8');
  modules.set(name, { view: isView(name, source), imports: importsOf(file, source) });
}

const problems = [];
const chainText = (chain) => chain.join(' → ');

// The longest runtime chain below each module (memoised; a module on the stack again is a cycle).
const longest = new Map();
const onStack = [];
function deepest(name) {
  if (longest.has(name)) return longest.get(name);
  const at = onStack.indexOf(name);
  if (at >= 0) {
    problems.push(`check-imports: runtime import cycle: ${chainText([...onStack.slice(at), name])}`);
    return [name];
  }
  onStack.push(name);
  let best = [name];
  for (const { target, runtime } of modules.get(name)?.imports ?? []) {
    if (!runtime || !modules.has(target)) continue;
    const below = deepest(target);
    if (below.length + 1 > best.length) best = [name, ...below];
  }
  onStack.pop();
  longest.set(name, best);
  return best;
}
const chain = deepest(ELEMENT);
const depth = chain.length - 1;
if (depth > MAX_DEPTH) {
  problems.push(`check-imports: ${chainText(chain)} is ${depth} modules deep from the element (at most ${MAX_DEPTH})`);
}

// Every model-side module: the shortest chain (any import) to a view module, if there is one.
let modelSide = 0;
for (const [name, module] of modules) {
  if (!isModelSide(name)) continue;
  modelSide++;
  if (module.view) {
    problems.push(`check-imports: model-side ${name} is itself a template or painter module`);
    continue;
  }
  const cameFrom = new Map([[name, undefined]]);
  const queue = [name];
  while (queue.length) {
    const current = queue.shift();
    if (modules.get(current)?.view) {
      const steps = [];
      for (let step = current; step !== undefined; step = cameFrom.get(step)) steps.unshift(step);
      problems.push(`check-imports: model-side ${name} imports a view module: ${chainText(steps)}`);
      break;
    }
    for (const { target } of modules.get(current)?.imports ?? []) {
      if (modules.has(target) && !cameFrom.has(target)) {
        cameFrom.set(target, current);
        queue.push(target);
      }
    }
  }
}

if (problems.length) {
  for (const problem of problems) console.error(problem);
  process.exit(1);
}
console.log(
  `imports: optimizer-race ${modules.size} modules, longest chain ${depth} deep (at most ${MAX_DEPTH}): ${chainText(chain)}; ` +
    `${modelSide} model-side modules import no template or painter`,
);
