import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSchemathesis } from '../../scripts/local/schemathesis.js';
import { type SearchStack, startSearchStack } from '../helpers/search-stack.js';

/** Test cases per operation and phase; `SCHEMATHESIS_EXAMPLES` raises it for a longer run. */
const maxExamples = Number(process.env.SCHEMATHESIS_EXAMPLES ?? 20);

describe('schemathesis against the served OpenAPI document', () => {
  let api: SearchStack;

  beforeAll(async () => {
    api = await startSearchStack('schemathesis');
  });

  afterAll(async () => {
    await api?.close();
  });

  it('finds no 5xx and no response outside the document on any operation, admin ones included', async () => {
    const result = await runSchemathesis({
      url: api.url,
      headers: { Authorization: `Bearer ${api.stack.adminToken}` },
      maxExamples,
      seed: Number(process.env.SCHEMATHESIS_SEED ?? 14),
      log: (line) => process.stderr.write(`[schemathesis] ${line}\n`),
    });
    process.stderr.write(`${result.output.split('\n').slice(-40).join('\n')}\n`);
    expect(result.exitCode, result.output).toBe(0);
  }, 900_000);
});
