// custom-elements.json is generated from the elements' JSDoc and decorators.
export default {
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/elements/**/*.styles.ts', 'src/elements/**/*.generated.ts', 'src/elements/**/formulas.ts', 'src/elements/**/define.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
