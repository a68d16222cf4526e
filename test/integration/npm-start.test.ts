import { type ChildProcess, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seedArticleId } from '../../scripts/local/fixtures.js';
import { freePort } from '../../scripts/local/process-utils.js';
import { repoRoot } from '../../scripts/local/repo-root.js';

/**
 * `npm start` as a newcomer runs it: its own OpenSearch and moto (the test run's services are
 * hidden from it), the fixture corpus through the stream, the API answering, Ctrl-C stopping all.
 */
describe('npm start', () => {
  let child: ChildProcess | undefined;
  const dataDir = join(repoRoot, '.local', `npm-start-test-${process.pid}`);

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it('brings the stack up with the fixture corpus searchable, and stops on Ctrl-C', {
    timeout: 240_000,
  }, async () => {
    const [api, openSearch, moto] = [await freePort(), await freePort(), await freePort()];
    const { OPENSEARCH_URL: _o, AWS_ENDPOINT_URL: _a, ...env } = process.env;
    let output = '';
    // One process (no npx/tsx wrappers in between), so Ctrl-C reaches the stack itself.
    child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: repoRoot,
      env: {
        ...env,
        PORT: String(api),
        OPENSEARCH_PORT: String(openSearch),
        MOTO_PORT: String(moto),
        LOCAL_STACK_DIR: dataDir,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) =>
      child?.on('exit', (code) => resolve(code)),
    );

    const ready = await Promise.race([
      new Promise<boolean>((resolve) => {
        const timer = setInterval(() => {
          if (!output.includes('Ctrl-C stops everything')) return;
          clearInterval(timer);
          resolve(true);
        }, 250);
      }),
      exited.then(() => false),
    ]);
    expect(ready, output).toBe(true);
    expect(output).toContain(`API         http://127.0.0.1:${api}`);

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

    child.kill('SIGINT');
    expect(await exited, output).toBe(0);
    const stillListening = await fetch(`http://127.0.0.1:${api}/search`).then(
      () => true,
      () => false,
    );
    expect(stillListening).toBe(false);
  });
});
