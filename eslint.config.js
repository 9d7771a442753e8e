import tseslint from 'typescript-eslint';

// The domain stays pure (architecture.md): no I/O, no Node built-ins, no adapters, and no hidden
// inputs (clock, randomness, environment) — those arrive as arguments.
const domainRules = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { regex: '^node:', message: 'src/domain is pure: no Node built-ins.' },
        {
          regex: '^(fs|path|os|child_process|http|https|net|stream|crypto|url|zlib|readline|worker_threads|process)(/.*)?$',
          message: 'src/domain is pure: no Node built-ins.',
        },
        {
          regex: '(^|/)(ingest|store|mail|scheduler|http|cli|report|app)(/|$)',
          message: 'src/domain imports nothing outside src/domain.',
        },
        { regex: '^(better-sqlite3|pg|kysely|fastify|nodemailer|commander|echarts)$', message: 'No adapter libraries in src/domain.' },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'process', message: 'Configuration arrives as arguments.' },
    { name: 'fetch', message: 'No I/O in the domain.' },
    { name: 'require', message: 'No I/O in the domain.' },
    { name: 'Buffer', message: 'No Node built-ins in the domain.' },
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
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'demo/**', 'web/dist/**', 'bench/out/**', '.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['src/domain/**/*.ts'], rules: domainRules },
);
