// @ts-check
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

/** The domain core stays free of I/O, the bot stack, drivers and the clock (DESIGN.md). */
const domainRestrictions = {
  files: ['src/audit/**/*.ts', 'src/classify/**/*.ts', 'src/detect/**/*.ts', 'src/query/**/*.ts', 'src/rights/**/*.ts'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'botbuilder', 'restify', 'better-sqlite3', 'pg'].map(
          (name) => ({ name, message: 'The domain core does no file, bot or database I/O: take a stream or an interface.' }),
        ),
        patterns: [
          // The Store port's types may be named; no backend, bot or server code may be loaded.
          { group: ['**/store/**'], allowTypeImports: true, message: 'The domain core takes the Store port as an argument.' },
          { group: ['**/bot/**', '**/server', '**/cards/**'], message: 'The domain core must not depend on the shells.' },
          // The word catalogues are leaves the core may word its reasons and warnings with; the card
          // words (and the assembled catalogue, which includes them) belong to the shells.
          { regex: '(^|/)i18n(/index)?$|(^|/)i18n/cards(/|$)', allowTypeImports: true, message: 'The domain core may import the leaf catalogues under src/i18n, not the card words or src/i18n/index.' },
        ],
      },
    ],
    'no-restricted-properties': [
      'error',
      { object: 'process', property: 'env', message: 'Read settings in src/config.ts only.' },
      { object: 'Date', property: 'now', message: 'Take `now` as an argument.' },
    ],
    'no-restricted-syntax': [
      'error',
      { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take `now` as an argument.' },
    ],
  },
};

/**
 * The word catalogues (src/i18n) are leaves: they may name any type, and load only other words, luxon
 * and the card markdown helpers, never the bot stack, a store, I/O or the clock.
 */
const catalogueRestrictions = {
  files: ['src/i18n/**/*.ts'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        paths: ['fs', 'node:fs', 'fs/promises', 'node:fs/promises', 'botbuilder', 'restify', 'better-sqlite3', 'pg'].map((name) => ({ name, message: 'The word catalogues do no I/O.' })),
        patterns: [
          // Outside src/i18n only (an area's words share its name: i18n/query is words, src/query is not).
          {
            regex: '^(\\.\\./)+(bot|server|app|notify|store|ingest|exchange|query|rights|classify|detect|audit|directory|sources)(/|$)',
            allowTypeImports: true,
            message: 'The word catalogues name the domain types only; they load no domain or shell code.',
          },
        ],
      },
    ],
    'no-restricted-properties': domainRestrictions.rules['no-restricted-properties'],
    'no-restricted-syntax': domainRestrictions.rules['no-restricted-syntax'],
  },
};

/**
 * The folders depend one way: server.ts → app.ts → the shells (bot, notify, ingest) → runtime. The
 * runtime kit imports nothing of the app, nothing imports the entry point or the assembly, and the bot
 * does not reach into notifications (which implement the bot's hooks).
 */
const layering = [
  {
    files: ['src/**/*.ts'],
    ignores: ['src/server.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server', '**/app', './server', './app'], message: 'Only src/server.ts starts the app; nothing imports the entry point or the assembly.' }] }],
    },
  },
  {
    files: ['src/runtime/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*', '../**'], message: 'The runtime kit is a leaf: it imports nothing of the app.' }] }],
    },
  },
  {
    files: ['src/bot/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server', '**/app', '../notify', '../notify/**'], message: 'The bot defines the hooks notifications implement; it never imports notify/ (no bot↔notify cycle).' }] },
      ],
    },
  },
];

module.exports = tseslint.config(
  { ignores: ['dist/**', '.e2e-dist/**', 'node_modules/**', 'coverage/**', 'appPackage/build/**', '*.config.js', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: __dirname } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  domainRestrictions,
  catalogueRestrictions,
  ...layering,
  {
    files: ['test/**/*.ts', 'src/**/*.cases.ts'],
    rules: {
      // Tests read parsed JSON from the wire and from fixtures; asserting on it is the point.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      // The rule meta-test loads every rule file it finds on disk.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
