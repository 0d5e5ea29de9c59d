// custom-elements.json is generated from the elements' JSDoc and decorators: the element
// classes and the base class they inherit attributes from (internals stay out of it).
export default {
  globs: ['src/elements/*/gd-*.ts', 'src/elements/shared/gd-element.ts'],
  exclude: ['src/elements/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
};
