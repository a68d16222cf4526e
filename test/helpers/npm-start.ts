import { type ChildProcess, spawn } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from '../../scripts/local/process-utils.js';
import { repoRoot } from '../../scripts/local/repo-root.js';

export interface NpmStart {
  child: ChildProcess;
  ports: { api: number; openSearch: number; moto: number; site: number };
  /** Everything it printed so far. */
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** Resolves true once it printed that it is ready, false if it exited first. */
  ready: Promise<boolean>;
  /** Kills it if still running and removes its data directory. */
  cleanUp(): Promise<void>;
}

/**
 * `npm start` as a newcomer runs it, on free ports: its own OpenSearch and moto (the test run's
 * services are hidden from it) and its own data directory.
 */
export async function spawnNpmStart(name: string): Promise<NpmStart> {
  const ports = {
    api: await freePort(),
    openSearch: await freePort(),
    moto: await freePort(),
    site: await freePort(),
  };
  const dataDir = join(repoRoot, '.local', `${name}-${process.pid}`);
  const { OPENSEARCH_URL: _o, AWS_ENDPOINT_URL: _a, ...env } = process.env;
  let output = '';
  // One process (no npx/tsx wrappers in between), so Ctrl-C reaches the stack itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: repoRoot,
    env: {
      ...env,
      PORT: String(ports.api),
      OPENSEARCH_PORT: String(ports.openSearch),
      MOTO_PORT: String(ports.moto),
      SITE_PORT: String(ports.site),
      LOCAL_STACK_DIR: dataDir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = Promise.race([
    new Promise<boolean>((resolve) => {
      const timer = setInterval(() => {
        if (!output.includes('Ctrl-C stops everything')) return;
        clearInterval(timer);
        resolve(true);
      }, 250);
      void exited.then(() => clearInterval(timer));
    }),
    exited.then(() => false),
  ]);
  return {
    child,
    ports,
    output: () => output,
    exited,
    ready,
    async cleanUp() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
