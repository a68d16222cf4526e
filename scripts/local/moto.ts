/**
 * Local AWS for `npm start` and integration tests: a moto server (DynamoDB, DynamoDB Streams, SQS)
 * from a private Python venv under `.local/moto-venv`, built from the pinned
 * `moto-requirements.txt` on first use and rebuilt whenever that file changes.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { isPortListening, runCommand, stopProcess, tailOf, withDirLock } from './process-utils.js';
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
const venvDir = join(localDir, 'moto-venv');
const venvPython = join(venvDir, 'bin', 'python');
const requirementsFile = fileURLToPath(new URL('./moto-requirements.txt', import.meta.url));
const requirementsMarker = join(venvDir, '.requirements-sha256');
const installLock = join(localDir, 'moto-venv.lock.d');

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;
const INSTALL_LOCK_TIMEOUT_MS = 10 * 60_000;
const MIN_PYTHON: readonly [number, number] = [3, 10];

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
  await ensureMotoInstalled(log);
  return launchMoto(opts.port, log);
}

async function ensureMotoInstalled(log: (line: string) => void): Promise<void> {
  // The venv links to the system python3, so a python3 upgrade needs a fresh venv too.
  const wanted = createHash('sha256')
    .update(await readFile(requirementsFile))
    .update(await pythonVersion())
    .digest('hex');
  if ((await readMarker()) === wanted) return;
  await mkdir(localDir, { recursive: true });
  // Serialises installs across processes (parallel test files); a dead holder's lock is taken over.
  await withDirLock(
    installLock,
    async () => {
      // Another process may have finished the install while this one waited for the lock.
      const installed = await readMarker();
      if (installed === wanted) return;
      await checkPython();
      const target = relative(repoRoot, venvDir);
      log(
        installed === undefined
          ? `Installing moto (DynamoDB + Streams + SQS emulator) into ${target} (first run only)...`
          : `moto-requirements.txt or python3 changed: reinstalling moto into ${target}...`,
      );
      const started = Date.now();
      // A fresh venv, so that packages dropped from the requirements do not linger.
      await rm(venvDir, { recursive: true, force: true });
      await run('python3', ['-m', 'venv', venvDir]);
      await run(venvPython, [
        '-m',
        'pip',
        'install',
        '--disable-pip-version-check',
        '--no-input',
        '--quiet',
        '--requirement',
        requirementsFile,
      ]);
      await writeFile(requirementsMarker, wanted);
      log(`moto installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
    { timeoutMs: INSTALL_LOCK_TIMEOUT_MS },
  );
}

async function readMarker(): Promise<string | undefined> {
  try {
    return (await readFile(requirementsMarker, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

async function pythonVersion(): Promise<string> {
  try {
    return (
      await run('python3', ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'])
    ).trim();
  } catch (error) {
    throw new Error(
      'moto needs python3 (>= 3.10) with its venv module on PATH (Debian: apt-get install python3 python3-venv)',
      { cause: error },
    );
  }
}

async function checkPython(): Promise<void> {
  const version = await pythonVersion();
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1])) {
    throw new Error(`moto 5 needs python3 >= ${MIN_PYTHON.join('.')}, found ${version}`);
  }
  try {
    // Debian ships venv without ensurepip unless python3-venv is installed; venv creation then fails.
    await run('python3', ['-c', 'import venv, ensurepip']);
  } catch (error) {
    throw new Error(
      `python3 ${version} lacks the venv module (Debian: apt-get install python3-venv)`,
      { cause: error },
    );
  }
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

/** Runs a short command to completion; rejects with its output tail when it fails. */
async function run(command: string, args: string[]): Promise<string> {
  const { code, stdout, stderr } = await runCommand(command, args);
  if (code !== 0) {
    const output = `${stdout}${stderr}`.slice(-4_000);
    throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`);
  }
  return stdout;
}
