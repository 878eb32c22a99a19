// Lint: ESLint's recommended rules, Preact's (eslint-config-preact: hooks, JSX keys, no
// string refs…) and typescript-eslint's, with the TypeScript parser for every source file.
import preact from 'eslint-config-preact';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/', '.out-*/', '.wxt/', 'node_modules/', 'stats.html', 'tests/fixtures/', 'public/'] },
  ...preact,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,js,mjs}'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    settings: { react: { pragma: 'h', version: '16.0' } },
    rules: {
      // Preact components are functions; `class` in JSX is Preact's own attribute.
      'react/prefer-stateless-function': 'off',
      'react/no-unknown-property': 'off',
      'no-unused-vars': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The rule asks for a browser list this project does not keep (targets: recent Chromium and Firefox).
      'compat/compat': 'off',
      // `import type` beside a value import from the same module is the TypeScript way.
      'no-duplicate-imports': 'off',
    },
  },
  {
    // `useExtension()` in the browser tests is a vitest fixture, not a Preact hook.
    files: ['tests/**'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
);
