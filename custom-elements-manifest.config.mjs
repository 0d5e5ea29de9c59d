// custom-elements.json is generated from the elements' JSDoc and decorators: the element
// classes and the base class they inherit attributes from (internals stay out of it).
export default {
  globs: ['src/elements/*/gd-*.ts', 'src/elements/shared/gd-element.ts'],
  exclude: ['src/elements/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  packagejson: false,
  plugins: [
    {
      // The analyzer lists modules in the order its file reads finish, which varies from
      // run to run; sorting by path makes the file byte-identical however often it is made.
      name: 'gd-kit-stable-order',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};
