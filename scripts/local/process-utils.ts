import { type ChildProcess, spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
/** Output of a finished command. */
export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to completion and collects its output. Rejects with the spawn error (`code:
 * 'ENOENT'` when the program is missing); a non-zero exit is returned, not thrown, so callers can
 * word their own error.
 */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** True when something accepts TCP connections on host:port. */
export function isPortListening(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Polls `check` until it returns a value other than undefined, and returns that value. `check` may
 * throw to abort the wait (for example when the awaited process has died).
 */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  options: { timeoutMs: number; intervalMs?: number; what: string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() >= deadline) {
      throw new Error(`Timed out after ${options.timeoutMs / 1000} s waiting for ${options.what}`);
    }
    await sleep(options.intervalMs ?? 250);
  }
}

/** Resolves once the child has exited (at once if it already has). */
function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Sends SIGTERM, waits up to `graceMs` for the child to exit, then SIGKILLs it. */
export async function stopProcess(child: ChildProcess, graceMs: number): Promise<void> {
  const done = exited(child);
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), graceMs);
  });
  const outcome = await Promise.race([done, graceOver]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    child.kill('SIGKILL');
    await done;
  }
}

/**
 * Makes a child die with this process: SIGTERM on a normal exit of this process. Returns a function
 * that removes the hook once the child is stopped deliberately.
 */
export function killOnExit(child: ChildProcess): () => void {
  const kill = () => {
    child.kill('SIGTERM');
  };
  process.once('exit', kill);
  return () => {
    process.removeListener('exit', kill);
  };
}

/**
 * The last `lines` lines of a text file from byte `fromByte` on (a log shared by several runs), or a
 * note if it cannot be read.
 */
export async function tailOf(
  file: string,
  options: { fromByte?: number; lines?: number } = {},
): Promise<string> {
  try {
    const text = (await readFile(file)).subarray(options.fromByte ?? 0).toString('utf8');
    return text
      .trimEnd()
      .split('\n')
      .slice(-(options.lines ?? 40))
      .join('\n');
  } catch (error) {
    return `(no log: ${(error as Error).message})`;
  }
}

/**
 * Runs `fn` while holding a lock directory, so that concurrent processes (parallel test files)
 * don't run the same build over each other. A lock left by a dead process is taken over.
 */
export async function withDirLock<T>(
  lockDir: string,
  fn: () => Promise<T>,
  options: { timeoutMs: number },
): Promise<T> {
  await waitFor(() => tryLock(lockDir), { timeoutMs: options.timeoutMs, what: `lock ${lockDir}` });
  try {
    return await fn();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

async function tryLock(lockDir: string): Promise<true | undefined> {
  try {
    await mkdir(lockDir);
    await writeFile(join(lockDir, 'pid'), String(process.pid));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const owner = Number(await readFile(join(lockDir, 'pid'), 'utf8').catch(() => ''));
    if (owner > 0 && !isAlive(owner)) await rm(lockDir, { recursive: true, force: true });
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
