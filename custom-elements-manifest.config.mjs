// custom-elements.json is generated from the elements' JSDoc and decorators: the element
// classes and the base class they inherit attributes from (internals stay out of it).
// Everything made from it (framework typings, editor data, the React components) is
// written by scripts/generate.mjs, which `npm run analyze` runs next.
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** The files `globs` names, listed (a TypeScript program takes file names, not patterns). */
const DESCRIBED = readdirSync('src/elements', { recursive: true })
  .map((file) => `src/elements/${file.replaceAll('\\', '/')}`)
  .filter((file) => /^src\/elements\/[^/]+\/gd-[^/.]+\.ts$/.test(file));

/** Events an element dispatches for its own family only, not for pages (see gd-optimizer.ts). */
const INTERNAL_EVENTS = new Set(['gd-optimizer-change']);

let checker;

/**
 * A property typed with a named union of words (`OptimizerType`, `LandscapeId`, whose
 * words come from the core's own lists) keeps that name in `type.text`; this writes the
 * words out in `expandedType.text` (`'sgd' | 'momentum' | …`), so that the editor data
 * made from the manifest offers them as the attribute's values.
 */
const expandedUnions = {
  name: 'gd-kit-expanded-unions',
  analyzePhase({ ts, node, moduleDoc }) {
    if (!ts.isClassDeclaration(node) || !node.name) return;
    const declaration = moduleDoc.declarations?.find((d) => d.name === node.name.text);
    if (!declaration) return;
    for (const member of node.members) {
      if (!ts.isPropertyDeclaration(member) || !member.name || !ts.isIdentifier(member.name)) continue;
      const type = checker.getTypeAtLocation(member);
      if (!type.isUnion() || !type.types.some((part) => part.isStringLiteral())) continue;
      const parts = type.types.map((part) => literal(ts, part));
      if (parts.includes(undefined)) continue;
      const text = parts.join(' | ');
      const name = member.name.text;
      for (const entry of [...(declaration.members ?? []), ...(declaration.attributes ?? [])]) {
        if ((entry.kind === 'field' && entry.name === name) || (!entry.kind && entry.fieldName === name)) {
          if (entry.type?.text !== text) entry.expandedType = { text };
        }
      }
    }
  },
};

function literal(ts, type) {
  if (type.isStringLiteral()) return `'${type.value}'`;
  if (type.isNumberLiteral()) return String(type.value);
  if (type.flags & ts.TypeFlags.Null) return 'null';
  if (type.flags & ts.TypeFlags.Undefined) return 'undefined';
  if (type.flags & ts.TypeFlags.Number) return 'number';
  if (type.flags & ts.TypeFlags.String) return 'string';
  return undefined;
}

/**
 * A described file that another one imports comes back from TypeScript with an absolute
 * name (in `path`, and in the `module` of every reference to it); made relative to the
 * repository, the file is the same in every checkout.
 */
function relativePaths(value) {
  // The analyzer also writes some references relative to wherever it was run (the output
  // folder: `npm run analyze` and the staleness check differ), as `../../src/…`.
  const fromRoot = (name) => {
    const relative = path.isAbsolute(name) ? path.relative('.', name).replaceAll('\\', '/') : name;
    return relative.replace(/^(\.\.\/)+(?=src\/)/, '');
  };
  if (Array.isArray(value)) value.forEach(relativePaths);
  else if (value && typeof value === 'object')
    for (const [key, entry] of Object.entries(value)) {
      if ((key === 'path' || key === 'module') && typeof entry === 'string') value[key] = fromRoot(entry);
      else relativePaths(entry);
    }
}

export default {
  globs: ['src/elements/*/gd-*.ts', 'src/elements/shared/gd-element.ts'],
  exclude: ['src/elements/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  // The analyzer's own modules, from one TypeScript program over the described files (and
  // what they import), so that the plugin below can ask its type checker.
  overrideModuleCreation: ({ ts }) => {
    const config = ts.readConfigFile('tsconfig.json', ts.sys.readFile).config;
    const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, '.');
    const program = ts.createProgram(DESCRIBED, options);
    checker = program.getTypeChecker();
    return program.getSourceFiles().filter((file) => DESCRIBED.includes(path.relative('.', file.fileName).replaceAll('\\', '/')));
  },
  plugins: [
    expandedUnions,
    {
      name: 'gd-kit-internal-events',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules)
          for (const declaration of module.declarations ?? [])
            if (declaration.events) declaration.events = declaration.events.filter((event) => !INTERNAL_EVENTS.has(event.name));
      },
    },
    {
      // The analyzer lists modules in the order its file reads finish, which varies from
      // run to run; sorting by path makes the file byte-identical however often it is made,
      // and paths relative to the repository make it the same in every checkout.
      name: 'gd-kit-stable-order',
      packageLinkPhase({ customElementsManifest }) {
        relativePaths(customElementsManifest);
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};
