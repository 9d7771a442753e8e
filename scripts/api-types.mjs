// The console's API types from the OpenAPI document (openapi-typescript), as one file the browser
// code compiles against. Shared by the build (build-console.mjs writes it) and the test that fails
// when the committed file no longer matches the routes (src/platform/http/console-api-types.test.ts).
import openapiTS, { astToString } from 'openapi-typescript';

export const API_TYPES_FILE = 'web/console/api/schema.d.ts';

const HEADER =
  '// Generated from the OpenAPI document by scripts/build-console.mjs (npm run build): do not edit.\n' +
  "// The routes' own schemas (src/**/*.route.ts, *.schema.ts) are the source.\n";

/** @param {Record<string, unknown>} document */
export async function renderApiTypes(document) {
  const ast = await openapiTS(structuredClone(document), { alphabetize: true });
  return HEADER + astToString(ast);
}
