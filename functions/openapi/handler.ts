import { json } from '../../shared/http.js';
import { httpHandler } from '../../shared/http-handler.js';
import { createObservability } from '../../shared/observability.js';
import { openApiDocument } from '../../shared/openapi/document.js';

const observability = createObservability('openapi');
/** The document only changes with a deployment. */
const cacheSeconds = 3_600;

/** GET /openapi.json: the API's OpenAPI 3.1 document. Needs no configuration. */
export const handler = httpHandler(
  async () => json(200, openApiDocument, { cacheSeconds }),
  observability,
);
