/**
 * Regenerates web/api/schema.d.ts from the OpenAPI document: run after changing the API.
 *
 *   npm run web:types
 */
import { writeFileSync } from 'node:fs';
import { apiTypesPath, generateApiTypes } from './api-types.js';

writeFileSync(apiTypesPath, await generateApiTypes());
console.log(`wrote ${apiTypesPath}`);
