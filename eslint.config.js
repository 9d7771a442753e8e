import tseslint from 'typescript-eslint';
import boundaries from './eslint-rules/feature-boundaries.js';

// Files without a role suffix under src/features and src/analytics are pure (architecture.md): no
// I/O, no Node built-ins, no adapters, and no hidden inputs (clock, randomness, environment), which
// arrive as arguments. A role suffix says a file does I/O: it holds rows and SQL, owns a use case,
// answers HTTP or the command line, runs as a job, reads or writes files, wraps a library that does
// (adapter), or wires such files together (registry).
const ROLE_SUFFIXES = [
  'table',
  'repository',
  'query',
  'service',
  'route',
  'command',
  'job',
  'planner',
  'reader',
  'writer',
  'adapter',
  'registry',
  'schema',
  'fixtures',
  'test',
];
const roleFiles = ROLE_SUFFIXES.map((role) => `src/**/*.${role}.ts`);

const pureRules = {
  '@typescript-eslint/no-restricted-imports': [
    'error',
    {
      patterns: [
        // Hashing and HMAC are computation; only crypto's random sources are hidden inputs.
        { regex: '^node:(?!crypto$|buffer$)', message: 'A file without a role suffix is pure: no Node built-ins.' },
        {
          regex: '^node:crypto$',
          importNames: ['randomBytes', 'randomUUID', 'randomInt', 'getRandomValues'],
          message: 'Randomness comes from a seeded Rng or an id argument.',
        },
        {
          regex:
            '^(fs|path|os|child_process|http|https|net|stream|crypto|url|zlib|readline|worker_threads|process)(/.*)?$',
          message: 'A file without a role suffix is pure: no Node built-ins (use the node: prefix for crypto).',
        },
        {
          regex: '\\.(repository|query|service|route|command|job|planner|reader|writer)\\.js$',
          message: 'A pure file does not call I/O; the service that calls it passes what it needs.',
          allowTypeImports: true,
        },
        {
          regex: '(^|/)platform/(database|http|cli|jobs)/',
          message: 'A pure file does not call I/O; the service that calls it passes what it needs.',
          allowTypeImports: true,
        },
        {
          regex: '^(better-sqlite3|pg|kysely|fastify|nodemailer|commander|echarts|liquidjs)(/.*)?$',
          message: 'No adapter libraries in a pure file.',
          allowTypeImports: true,
        },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'process', message: 'Configuration arrives as arguments.' },
    { name: 'fetch', message: 'No I/O in a pure file.' },
    { name: 'require', message: 'No I/O in a pure file.' },
  ],
  'no-restricted-properties': [
    'error',
    { object: 'Date', property: 'now', message: 'Time comes from a Clock argument.' },
    { object: 'Math', property: 'random', message: 'Randomness comes from a seeded Rng argument.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time comes from a Clock argument.' },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'demo/**',
      'web/dist/**',
      'bench/out/**',
      '.tmp/**',
      'web/console/api/schema.d.ts',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.check.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // The console (browser code, architecture.md "web/"): its own tsconfig (DOM, Preact's JSX).
    files: ['web/console/**/*.{ts,tsx}'],
    ignores: ['web/console/**/*.test.ts', 'web/console/vite.config.ts'],
    languageOptions: { parserOptions: { project: './web/tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  { files: ['src/**/*.ts'], plugins: { regulars: boundaries }, rules: { 'regulars/feature-boundaries': 'error' } },
  {
    files: ['src/features/**/*.ts', 'src/analytics/**/*.ts'],
    ignores: [...roleFiles, 'src/features/**/index.ts'],
    rules: pureRules,
  },
);
