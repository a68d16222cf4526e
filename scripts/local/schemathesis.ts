/**
 * schemathesis (property-based API testing from the OpenAPI document), from a private venv under
 * `.local/schemathesis-venv` built from the pinned `schemathesis-requirements.txt`.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from './process-utils.js';
import { ensurePythonTool, type PythonTool, venvBin } from './python-venv.js';

const schemathesis: PythonTool = {
  name: 'schemathesis',
  description: 'property-based API testing from the OpenAPI document',
  requirementsFile: fileURLToPath(new URL('./schemathesis-requirements.txt', import.meta.url)),
};

export interface SchemathesisRun {
  /** Base URL of the API; the document is read from `<url>/openapi.json`. */
  url: string;
  /** Sent with every request (the admin operations need a credential). */
  headers: Record<string, string>;
  /** Test cases per operation and phase. */
  maxExamples: number;
  seed: number;
  log?: (line: string) => void;
}

export interface SchemathesisResult {
  /** 0 when every check passed. */
  exitCode: number;
  /** schemathesis's own summary, with any failure and the curl command reproducing it. */
  output: string;
  /** The run's events (schemathesis's ndjson report), one parsed object per line. */
  events: Array<Record<string, unknown>>;
}

/**
 * Runs schemathesis's examples, coverage and fuzzing phases, positive and negative, against every
 * operation of the served document with every check but one (see below): no 5xx, status codes,
 * content types, headers and bodies as documented, schema-violating requests refused, auth
 * enforced.
 */
export async function runSchemathesis(run: SchemathesisRun): Promise<SchemathesisResult> {
  await ensurePythonTool(schemathesis, run.log ?? console.log);
  const reportDir = await mkdtemp(join(tmpdir(), 'schemathesis-'));
  try {
    const ndjson = join(reportDir, 'events.ndjson');
    const { code, stdout, stderr } = await runCommand(
      venvBin(schemathesis, 'st'),
      [
        'run',
        `${run.url}/openapi.json`,
        '--url',
        run.url,
        ...Object.entries(run.headers).flatMap(([name, value]) => [
          '--header',
          `${name}: ${value}`,
        ]),
        '--phases',
        'examples,coverage,fuzzing',
        '--mode',
        'all',
        '--checks',
        'all',
        // "schema-valid request rejected" cannot hold here: the rules that refuse such requests
        // (page × pageSize within the result window, the body id equal to the path id, If-Match
        // at the current version, a cursor bound to its query) span fields or stored state, which
        // JSON Schema cannot express. Each of them is a documented 400 or 412, never a 5xx.
        '--exclude-checks',
        'positive_data_acceptance',
        '--max-examples',
        String(run.maxExamples),
        '--seed',
        String(run.seed),
        '--workers',
        '1',
        '--continue-on-failure',
        '--report',
        'ndjson',
        '--report-ndjson-path',
        ndjson,
        // its example cache (.schemathesis/) goes to the temporary directory, not the repository
      ],
      { cwd: reportDir },
    );
    const lines = (await readFile(ndjson, 'utf8').catch(() => '')).split('\n');
    return {
      exitCode: code,
      output: `${stdout}${stderr}`,
      events: lines.filter((line) => line.trim() !== '').map((line) => JSON.parse(line)),
    };
  } finally {
    await rm(reportDir, { recursive: true, force: true });
  }
}
