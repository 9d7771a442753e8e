import path from 'node:path';

/**
 * The layout's import rules (docs/architecture.md, "Layout"), which no built-in rule can express
 * because they depend on where both the importing file and the imported file live:
 * - a feature reaches another feature only through that feature's index.ts;
 * - platform and analytics import no feature, except the composition roots that list them;
 * - routes and commands call services, never a repository or a query.
 * Tests may reach into any feature to arrange their data, so they are not checked here.
 */

const COMPOSITION_ROOTS = new Set([
  'src/platform/cli/program.ts',
  'src/platform/http/build-app.ts',
  'src/platform/database/database.table.ts',
  'src/platform/cli/serve.command.ts',
]);

function relativeToRoot(file, cwd) {
  return path.relative(cwd, file).split(path.sep).join('/');
}

/** 'feature:coupons', 'platform', 'analytics', or null outside src. */
function areaOf(file) {
  const feature = /^src\/features\/([^/]+)\//.exec(file);
  if (feature) return `feature:${feature[1]}`;
  if (file.startsWith('src/platform/')) return 'platform';
  if (file.startsWith('src/analytics/')) return 'analytics';
  return null;
}

const isTest = (file) => /\.(test|fixtures)\.ts$/.test(file);

export const featureBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Features meet only through index.ts; platform and analytics import no feature.' },
    schema: [],
  },
  create(context) {
    const cwd = context.cwd;
    const file = relativeToRoot(context.filename, cwd);
    const from = areaOf(file);
    if (from === null || isTest(file)) return {};
    const isEdge = /\.(route|command)\.ts$/.test(file);

    function check(node) {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), source)).replace(/\.js$/, '.ts');
      const to = areaOf(target);
      if (isEdge && /\.(repository|query)\.ts$/.test(target) && to === from) {
        context.report({
          node: node.source,
          message: `Routes and commands call services, not ${path.posix.basename(target)}.`,
        });
      }
      if (to === null || to === from || !to.startsWith('feature:')) return;
      const feature = to.slice('feature:'.length);
      if ((from === 'platform' || from === 'analytics') && !COMPOSITION_ROOTS.has(file)) {
        context.report({
          node: node.source,
          message: `${from} imports no feature (here: ${feature}); pass what it needs as an argument.`,
        });
        return;
      }
      if (target !== `src/features/${feature}/index.ts`) {
        context.report({
          node: node.source,
          message: `Use the ${feature} feature through its index.ts, not ${target}.`,
        });
      }
    }

    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { 'feature-boundaries': featureBoundaries } };
