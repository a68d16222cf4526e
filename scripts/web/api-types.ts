import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { openApiDocument } from '../../shared/openapi/document.js';
import { repoRoot } from '../local/repo-root.js';

/** Where the site kit's API types live (generated, committed, checked by a test). */
export const apiTypesPath = path.join(repoRoot, 'web', 'api', 'schema.d.ts');

const banner =
  '// Generated from the OpenAPI document GET /openapi.json serves (shared/openapi/document.ts)\n' +
  '// by `npm run web:types`. Do not edit: a test fails when it is out of date.\n\n';

/** The TypeScript types of the API, as openapi-typescript writes them from the served document. */
export async function generateApiTypes(): Promise<string> {
  const ast = await openapiTS(JSON.parse(JSON.stringify(openApiDocument)), {
    alphabetize: false,
    exportType: false,
  });
  return banner + astToString(ast);
}
