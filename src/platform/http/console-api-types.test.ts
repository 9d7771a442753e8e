import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_TYPES_FILE, renderApiTypes } from '../../../scripts/api-types.mjs';
import { openApiDocument } from './openapi-document.js';

describe("the console's API types", () => {
  it('are what the routes publish now (npm run build regenerates them; commit the result)', async () => {
    const committed = readFileSync(join(import.meta.dirname, '..', '..', '..', API_TYPES_FILE), 'utf8');
    expect(
      committed === (await renderApiTypes(await openApiDocument())),
      `${API_TYPES_FILE} is stale: run npm run build`,
    ).toBe(true);
  });
});
