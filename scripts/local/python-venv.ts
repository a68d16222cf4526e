/**
 * Private Python venvs under `.local/<name>-venv`, each built from one pinned requirements file on
 * first use and rebuilt whenever that file (or the system python3) changes. moto, schemathesis and
 * checkov are all installed this way.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { runCommand, withDirLock } from './process-utils.js';
import { repoRoot } from './repo-root.js';

export interface PythonTool {
  /** Short name: the venv is `.local/<name>-venv`. */
  name: string;
  /** What the tool is, for the install message. */
  description: string;
  /** Absolute path of its pinned requirements file. */
  requirementsFile: string;
}

const localDir = join(repoRoot, '.local');
const INSTALL_LOCK_TIMEOUT_MS = 10 * 60_000;
const MIN_PYTHON: readonly [number, number] = [3, 10];

/** Absolute path of the executable `command` inside the tool's venv (installed or not). */
export const venvBin = (tool: Pick<PythonTool, 'name'>, command: string) =>
  join(localDir, `${tool.name}-venv`, 'bin', command);

/** Installs the tool's venv if it is missing or out of date; safe to call from parallel processes. */
export async function ensurePythonTool(
  tool: PythonTool,
  log: (line: string) => void,
): Promise<void> {
  const venvDir = join(localDir, `${tool.name}-venv`);
  const marker = join(venvDir, '.requirements-sha256');
  // The venv links to the system python3, so a python3 upgrade needs a fresh venv too.
  const wanted = createHash('sha256')
    .update(await readFile(tool.requirementsFile))
    .update(await pythonVersion())
    .digest('hex');
  if ((await readMarker(marker)) === wanted) return;
  await mkdir(localDir, { recursive: true });
  // Serialises installs across processes (parallel test files); a dead holder's lock is taken over.
  await withDirLock(
    join(localDir, `${tool.name}-venv.lock.d`),
    async () => {
      // Another process may have finished the install while this one waited for the lock.
      const installed = await readMarker(marker);
      if (installed === wanted) return;
      await checkPython();
      const target = relative(repoRoot, venvDir);
      const requirements = relative(repoRoot, tool.requirementsFile);
      log(
        installed === undefined
          ? `Installing ${tool.name} (${tool.description}) into ${target} (first run only)...`
          : `${requirements} or python3 changed: reinstalling ${tool.name} into ${target}...`,
      );
      const started = Date.now();
      // A fresh venv, so that packages dropped from the requirements do not linger.
      await rm(venvDir, { recursive: true, force: true });
      await run('python3', ['-m', 'venv', venvDir]);
      await run(join(venvDir, 'bin', 'python'), [
        '-m',
        'pip',
        'install',
        '--disable-pip-version-check',
        '--no-input',
        '--quiet',
        '--requirement',
        tool.requirementsFile,
      ]);
      await writeFile(marker, wanted);
      log(`${tool.name} installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
    { timeoutMs: INSTALL_LOCK_TIMEOUT_MS },
  );
}

async function readMarker(marker: string): Promise<string | undefined> {
  try {
    return (await readFile(marker, 'utf8')).trim();
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
      'the local tools need python3 (>= 3.10) with its venv module on PATH (Debian: apt-get install python3 python3-venv)',
      { cause: error },
    );
  }
}

async function checkPython(): Promise<void> {
  const version = await pythonVersion();
  const [major = 0, minor = 0] = version.split('.').map(Number);
  if (major < MIN_PYTHON[0] || (major === MIN_PYTHON[0] && minor < MIN_PYTHON[1])) {
    throw new Error(`the local tools need python3 >= ${MIN_PYTHON.join('.')}, found ${version}`);
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

/** Runs a short command to completion; rejects with its output tail when it fails. */
async function run(command: string, args: string[]): Promise<string> {
  const { code, stdout, stderr } = await runCommand(command, args);
  if (code !== 0) {
    const output = `${stdout}${stderr}`.slice(-4_000);
    throw new Error(`${command} ${args.join(' ')} exited with ${code}:\n${output}`);
  }
  return stdout;
}
