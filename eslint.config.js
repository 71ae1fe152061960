import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Dependency direction: shared code (config, lib, components) → features → app.
// Shared code may not import features or the app, and features may not import each other.
const FEATURES = ['profiles', 'status'];

const sharedCodeRule = {
  files: ['src/lib/**', 'src/components/**', 'src/config/**'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['@/features/*', '**/features/*'], message: 'Shared code must not import a feature.' },
          { group: ['@/app/*', '**/app/*'], message: 'Shared code must not import the app shell.' },
        ],
      },
    ],
  },
};

const featureRules = FEATURES.map((feature) => ({
  files: [`src/features/${feature}/**`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            group: FEATURES.filter((other) => other !== feature).flatMap((other) => [`@/features/${other}/*`, `**/features/${other}/*`, `../../${other}/*`]),
            message: 'Features must not import each other; compose them in src/app.',
          },
          { group: ['@/app/*', '**/app/*'], message: 'Features must not import the app shell.' },
        ],
      },
    ],
  },
}));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'playwright-report/', '.emulator/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'off',
    },
  },
  {
    files: ['public/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'script' },
  },
  {
    files: ['emulator/**/*.mjs', 'scripts/**/*.mjs', 'e2e/**/*.ts', '*.config.{ts,js}', 'benchmarks/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  sharedCodeRule,
  ...featureRules,
);
