// ESLint (flat config): typescript-eslint's type-aware rules, lit's template rules and
// the web-component rules, over everything we write (source, tests, bench, demo, scripts).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      'coverage/',
      '.bench-out/',
      '.pack/',
      'src/elements/shared/tex.generated.ts',
      // Generated from custom-elements.json (scripts/generate.mjs) for Vue and Svelte projects.
      'types/',
      // Consumers' projects with their own tsconfig; npm test type-checks them against the packed package.
      'test/fixtures/node16/',
      'test/fixtures/tsx/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked.map((c) => ({ ...c, files: ['**/*.ts'] })),
  { files: ['**/*.ts'], languageOptions: { parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname } } },
  {
    files: ['src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/best-practice'],
  },
  {
    files: ['**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Page scripts, and the functions that puppeteer runs inside the page.
    files: ['test/dist/*.js', 'test/fixtures/**/*.js', 'bench/*.mjs', 'scripts/check-demo.mjs', 'scripts/test-frameworks.mjs'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['**/*.ts'],
    rules: {
      // Unused arguments named with a leading underscore are deliberate (interface shapes).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/elements/**/*.ts'],
    rules: {
      // lit calls `@event=${this.method}` listeners with the host as `this` (its `host` render option).
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // @open-wc/testing's chai plugins type every Assertion as thenable, so each expect(…) chain reads as a floating promise.
      '@typescript-eslint/no-floating-promises': 'off',
    },
  },
);
