import { afterAll, describe, expect, it } from 'vitest';
import { seedArticleId } from '../../scripts/local/fixtures.js';
import { type NpmStart, spawnNpmStart } from '../helpers/npm-start.js';

/**
 * `npm start` as a newcomer runs it: its own OpenSearch and moto (the test run's services are
 * hidden from it), the fixture corpus through the stream, the API answering, Ctrl-C stopping all.
 */
describe('npm start', () => {
  let stack: NpmStart | undefined;

  afterAll(async () => {
    await stack?.cleanUp();
  });

  it('brings the stack up with the fixture corpus searchable, and stops on Ctrl-C', {
    timeout: 240_000,
  }, async () => {
    stack = await spawnNpmStart('npm-start-test');
    const { api, site } = stack.ports;
    const ready = await stack.ready;
    const output = stack.output();
    expect(ready, output).toBe(true);
    expect(output).toContain(`API         http://127.0.0.1:${api}`);
    expect(output).toContain(`Site        http://127.0.0.1:${site}/`);

    const search = (await fetch(`http://127.0.0.1:${api}/search?q=exercising`).then((r) =>
      r.json(),
    )) as {
      hits: Array<{ id: string }>;
    };
    expect(search.hits.map((h) => h.id)).toContain(seedArticleId);
    const browse = (await fetch(`http://127.0.0.1:${api}/search?pageSize=1`).then((r) =>
      r.json(),
    )) as {
      total: number;
    };
    expect(browse.total).toBeGreaterThanOrEqual(40);

    stack.child.kill('SIGINT');
    expect(await stack.exited, stack.output()).toBe(0);
    const stillListening = await fetch(`http://127.0.0.1:${api}/search`).then(
      () => true,
      () => false,
    );
    expect(stillListening).toBe(false);
  });
});
