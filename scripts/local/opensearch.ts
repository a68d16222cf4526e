import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, fstatSync, openSync, writeSync } from 'node:fs';
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { basename, delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMaven } from './maven.js';
import {
  isPortListening,
  killOnExit,
  runCommand,
  stopProcess,
  tailOf,
  waitFor,
  withDirLock,
} from './process-utils.js';

/** A running local OpenSearch (or the one named by OPENSEARCH_URL). */
export interface LocalOpenSearch {
  url: string;
  /** Closes the node cleanly (SIGTERM, then SIGKILL after 30 s). Safe to call twice. */
  stop: () => Promise<void>;
}

export interface StartOpenSearchOptions {
  /** HTTP port on 127.0.0.1; 0 lets the OS pick a free one (the result's `url` has it). */
  port: number;
  /** Node directory: indices go to `<dataDir>/data`; the process log is appended to `<dataDir>.log`. */
  dataDir: string;
  heapMb?: number;
  /** Progress messages (first build, readiness); defaults to stderr. */
  log?: (line: string) => void;
}

const launcherDir = fileURLToPath(new URL('../opensearch/', import.meta.url));
const targetDir = join(launcherDir, 'target');
/** Written after a successful build; sources newer than it trigger a rebuild. */
const buildStamp = join(targetDir, '.built');
const mainClass = 'local.opensearch.LocalOpenSearch';
/** Printed by the launcher with the URL it actually bound (see LocalOpenSearch.java). */
const readyLine = /^OPENSEARCH_READY (\S+)$/m;
const readyTimeoutMs = 120_000;
const stopGraceMs = 30_000;

/**
 * Starts a single-node OpenSearch 2.19 on 127.0.0.1:`port`, running in a JVM from Maven-resolved
 * jars (built on first use), and resolves once the cluster is green. The node dies with the calling
 * process. If OPENSEARCH_URL is set nothing is started and that URL is returned.
 */
export async function startOpenSearch(opts: StartOpenSearchOptions): Promise<LocalOpenSearch> {
  const externalUrl = process.env.OPENSEARCH_URL;
  if (externalUrl) return { url: externalUrl, stop: async () => {} };

  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const java = await findJava();
  await buildLauncherIfStale(log);
  if (opts.port !== 0 && (await isPortListening(opts.port))) {
    throw new Error(
      `Port ${opts.port} on 127.0.0.1 is already in use, so OpenSearch cannot listen there. ` +
        'Stop whatever is listening, pick another port, or set ' +
        `OPENSEARCH_URL=http://127.0.0.1:${opts.port} to use a node that is already running.`,
    );
  }

  const dataDir = resolve(opts.dataDir);
  const logFile = join(dirname(dataDir), `${basename(dataDir)}.log`);
  await mkdir(dataDir, { recursive: true });
  const started = Date.now();
  const node = launchNode(java, { ...opts, dataDir, logFile });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= stopProcess(node.child, stopGraceMs).finally(node.forgetExitHook);
    return stopping;
  };

  let url: string;
  try {
    url = await waitFor(() => readyUrl(node), {
      timeoutMs: readyTimeoutMs,
      what: `OpenSearch on port ${opts.port}`,
    });
  } catch (error) {
    await stop();
    const tail = await tailOf(logFile, { fromByte: node.logStart, lines: 60 });
    // the first exception names the cause (port taken, node lock held, bad setting)
    const cause = tail.split('\n').find((line) => /Exception|\]\[ERROR/.test(line));
    throw new Error(
      `OpenSearch failed to start: ${(error as Error).message}${cause ? `: ${cause}` : ''}\n` +
        `Log ${logFile}:\n${tail}`,
    );
  }
  log(
    `OpenSearch ready on ${url} in ${((Date.now() - started) / 1000).toFixed(1)} s (log: ${logFile})`,
  );
  return { url, stop };
}

interface LaunchedNode {
  child: ChildProcess;
  logFile: string;
  /** Where this start's part of the (shared, appended) log begins. */
  logStart: number;
  spawnError?: Error;
  forgetExitHook: () => void;
}

function launchNode(
  java: Java,
  opts: { port: number; dataDir: string; logFile: string; heapMb?: number },
): LaunchedNode {
  // Appended, not truncated: a second start on a data dir in use must not clobber the running
  // node's log; it fails on the node lock, and only its own part of the log is read.
  const logFd = openSync(opts.logFile, 'a');
  writeSync(logFd, `--- ${new Date().toISOString()} starting OpenSearch on port ${opts.port}\n`);
  const logStart = fstatSync(logFd).size;
  const child = spawn(
    java.command,
    [
      ...jvmFlags(java.major, opts.heapMb ?? 512),
      '-cp',
      [join(targetDir, 'classes'), join(targetDir, 'lib', '*')].join(delimiter),
      mainClass,
      '--port',
      String(opts.port),
      '--home',
      opts.dataDir,
      '--data',
      join(opts.dataDir, 'data'),
      // our end of stdin closes when this process dies in any way, even by SIGKILL
      '--watch-stdin',
    ],
    { stdio: ['pipe', logFd, logFd] },
  );
  closeSync(logFd);
  const node: LaunchedNode = {
    child,
    logFile: opts.logFile,
    logStart,
    forgetExitHook: killOnExit(child),
  };
  child.once('error', (error) => {
    node.spawnError = error;
  });
  // The node must not keep a caller (a test run, a script) alive on its own; stdin is a pipe socket.
  child.unref();
  (child.stdin as Socket | null)?.unref();
  return node;
}

/** The node's URL once it is ready, undefined while it is starting; throws if it died. */
async function readyUrl(node: LaunchedNode): Promise<string | undefined> {
  const { child } = node;
  if (node.spawnError) throw node.spawnError;
  if (child.exitCode !== null || child.signalCode !== null) {
    throw new Error(`it exited early (${child.exitCode ?? child.signalCode})`);
  }
  // The launcher prints it only after making new indices green, so health alone is not enough.
  const ready = readyLine.exec((await readFile(node.logFile)).subarray(node.logStart).toString());
  if (!ready?.[1]) return undefined;
  return (await isHealthy(ready[1])) ? ready[1] : undefined;
}

async function isHealthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/_cluster/health?wait_for_status=yellow&timeout=1s`);
    return response.ok;
  } catch {
    return false;
  }
}

/** Flags of the OpenSearch distribution that still matter when the node is embedded. */
function jvmFlags(javaMajor: number, heapMb: number): string[] {
  return [
    `-Xms${heapMb}m`,
    `-Xmx${heapMb}m`,
    // log4j must outlive the node's own shutdown hook, which logs while closing
    '-Dlog4j.shutdownHookEnabled=false',
    '-Dlog4j2.disable.jmx=true',
    '-Dopensearch.set.netty.runtime.available.processors=false',
    '-Dio.netty.noUnsafe=true',
    '-Dio.netty.noKeySetOptimization=true',
    '-Dio.netty.recycler.maxCapacityPerThread=0',
    '-Dio.netty.allocator.numDirectArenas=0',
    '-Dfile.encoding=UTF-8',
    '-Djava.awt.headless=true',
    // date parsing as in a packaged 2.19; the COMPAT provider is gone from Java 23 on
    ...(javaMajor <= 21 ? ['-Djava.locale.providers=SPI,COMPAT'] : []),
  ];
}

interface Java {
  command: string;
  major: number;
}

const javaMissing =
  'Java 17+ is required to run the local OpenSearch; install openjdk-17-jdk-headless ' +
  '(apt-get install openjdk-17-jdk-headless) or point JAVA_HOME at a JDK 17-21';

async function findJava(): Promise<Java> {
  const javaHome = process.env.JAVA_HOME;
  const command = javaHome ? join(javaHome, 'bin', 'java') : 'java';
  const result = await runCommand(command, ['-version']).catch(() => undefined);
  const version = /version "(\d+)(?:\.(\d+))?/.exec(result?.stderr ?? '');
  if (result?.code !== 0 || !version) throw new Error(`${javaMissing} (tried ${command})`);
  // Java 8 and older report "1.8.0"
  const major = Number(version[1] === '1' ? version[2] : version[1]);
  if (major < 17) throw new Error(`${javaMissing}; ${command} is Java ${major}`);
  return { command, major };
}

/** Runs Maven only when target/ is missing or older than the pom or a source file. */
async function buildLauncherIfStale(log: (line: string) => void): Promise<void> {
  if (await isLauncherFresh()) return;
  await mkdir(targetDir, { recursive: true });
  await withDirLock(
    join(targetDir, '.build-lock'),
    async () => {
      // a parallel caller may have built it while we waited for the lock
      if (await isLauncherFresh()) return;
      await buildLauncher(log);
    },
    { timeoutMs: 15 * 60_000 },
  );
}

async function buildLauncher(log: (line: string) => void): Promise<void> {
  const pom = await readFile(join(launcherDir, 'pom.xml'), 'utf8');
  const version = /<opensearch\.version>([^<]+)</.exec(pom)?.[1] ?? '2.19.x';
  const firstBuild = !(await stat(join(targetDir, 'lib')).catch(() => undefined));
  log(
    firstBuild
      ? `Resolving OpenSearch ${version} jars from Maven Central (first run only, ~80 MB)...`
      : 'Rebuilding the OpenSearch launcher (its pom or sources changed)...',
  );
  const started = Date.now();
  await runMaven(
    ['package', 'dependency:copy-dependencies'],
    launcherDir,
    'Building the local OpenSearch launcher',
  );
  await writeFile(buildStamp, new Date().toISOString());
  log(`OpenSearch launcher built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

async function isLauncherFresh(): Promise<boolean> {
  const built = await stat(buildStamp).catch(() => undefined);
  if (!built) return false;
  const sources = [
    join(launcherDir, 'pom.xml'),
    ...(await readdir(join(launcherDir, 'src'), { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name)),
  ];
  const modified = await Promise.all(sources.map(async (file) => (await stat(file)).mtimeMs));
  return modified.every((mtime) => mtime <= built.mtimeMs);
}
