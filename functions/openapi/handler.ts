import { loadConfig } from '../../shared/config.js';
import { json } from '../../shared/http.js';
import { httpHandler } from '../../shared/http-handler.js';
import { createObservability } from '../../shared/observability.js';
import { openApiDocument } from '../../shared/openapi/document.js';

const config = loadConfig();
const observability = createObservability('openapi', config);
/** The document only changes with a deployment. */
const cacheSeconds = 3_600;

/** GET /openapi.json: the API's OpenAPI 3.1 document. Reads only its metrics namespace from the configuration. */
export const handler = httpHandler(
  async () => json(200, openApiDocument, { cacheSeconds }),
  observability,
);
