import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { apiTypesPath, generateApiTypes } from '../../scripts/web/api-types.js';

it('web/api/schema.d.ts matches the served OpenAPI document (else run `npm run web:types`)', async () => {
  expect(readFileSync(apiTypesPath, 'utf8')).toBe(await generateApiTypes());
});
