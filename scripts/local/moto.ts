/**
 * Local AWS for `npm start` and integration tests: a moto server (DynamoDB, DynamoDB Streams, SQS)
 * from a private Python venv under `.local/moto-venv`, built from the pinned
 * `moto-requirements.txt` by `python-venv.ts`.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { isPortListening, stopProcess, tailOf } from './process-utils.js';
import { ensurePythonTool, type PythonTool, venvBin } from './python-venv.js';
import { repoRoot } from './repo-root.js';

export interface MotoOptions {
  port: number;
  log?: (line: string) => void;
}

export interface RunningMoto {
  /** Base URL for every AWS SDK client (DynamoDB, DynamoDB Streams and SQS share it). */
  endpoint: string;
  stop: () => Promise<void>;
}

/** What an AWS SDK v3 client needs to talk to moto: any credentials do, the region must match. */
export interface LocalAwsClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

/** moto's default account, used wherever a local ARN needs one. */
export const LOCAL_ACCOUNT_ID = '123456789012';

const localDir = join(repoRoot, '.local');
const moto: PythonTool = {
  name: 'moto',
  description: 'DynamoDB + Streams + SQS emulator',
  requirementsFile: fileURLToPath(new URL('./moto-requirements.txt', import.meta.url)),
};
const venvPython = venvBin(moto, 'python');

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

/**
 * moto's own `moto_server` entry point, plus a watchdog thread: the server exits as soon as its stdin
 * pipe closes, which happens when the Node parent exits for any reason, SIGKILL included.
 */
const SERVE_UNTIL_PARENT_EXITS = `
import os, sys, threading
def exit_when_parent_exits():
    while os.read(0, 4096):
        pass
    os._exit(0)
threading.Thread(target=exit_when_parent_exits, daemon=True).start()
from moto.server import main
main(sys.argv[1:])
`;

export function localAwsClientConfig(endpoint: string, region = 'us-east-1'): LocalAwsClientConfig {
  return { endpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
}

/**
 * Starts moto on 127.0.0.1:`port`, installing it first if needed. When `AWS_ENDPOINT_URL` is set,
 * that endpoint is used as is and nothing is started.
 */
export async function startMoto(opts: MotoOptions): Promise<RunningMoto> {
  const external = process.env.AWS_ENDPOINT_URL;
  if (external) return { endpoint: external, stop: async () => {} };
  const log = opts.log ?? console.log;
  await ensurePythonTool(moto, log);
  return launchMoto(opts.port, log);
}

async function launchMoto(port: number, log: (line: string) => void): Promise<RunningMoto> {
  const endpoint = `http://127.0.0.1:${port}`;
  // Without this check a server already on the port would answer the readiness probe for us.
  if (await isPortListening(port))
    throw new Error(`cannot start moto: port ${port} is already in use`);
  await mkdir(localDir, { recursive: true });
  const logFile = join(localDir, `moto-${port}.log`);
  const output = openSync(logFile, 'w');
  const started = Date.now();
  const child = spawn(
    venvPython,
    ['-c', SERVE_UNTIL_PARENT_EXITS, '-H', '127.0.0.1', '-p', String(port)],
    { stdio: ['pipe', output, output] },
  );
  closeSync(output);
  // moto must never keep the parent alive; the stdin pipe still ends it when the parent exits.
  child.unref();
  (child.stdin as Socket).unref();
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')),
  );
  const stop = () => stopProcess(child, STOP_GRACE_MS);
  try {
    await waitUntilReady(endpoint, exited, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  log(
    `moto ready at ${endpoint} in ${Date.now() - started} ms (log: ${relative(repoRoot, logFile)})`,
  );
  return { endpoint, stop };
}

async function waitUntilReady(
  endpoint: string,
  exited: Promise<number | string>,
  logFile: string,
): Promise<void> {
  let exitStatus: number | string | undefined;
  void exited.then((status) => {
    exitStatus = status;
  });
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exitStatus !== undefined) {
      throw new Error(`moto exited (${exitStatus}) before it was ready. ${await logTail(logFile)}`);
    }
    try {
      const response = await fetch(`${endpoint}/moto-api/`, { signal: AbortSignal.timeout(1_000) });
      await response.body?.cancel();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(
    `moto did not answer ${endpoint}/moto-api/ within ${READY_TIMEOUT_MS / 1000} s. ${await logTail(logFile)}`,
  );
}

async function logTail(logFile: string): Promise<string> {
  return `Last lines of ${relative(repoRoot, logFile)}:\n${await tailOf(logFile, { lines: 20 })}`;
}
