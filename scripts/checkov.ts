/**
 * checkov over synthesized CloudFormation templates, from a private venv under
 * `.local/checkov-venv` built from the pinned `checkov-requirements.txt` (as moto's is).
 *
 *   npx cdk synth -c stage=prod && npx tsx scripts/checkov.ts cdk.out
 */
import { fileURLToPath } from 'node:url';
import { templatesIn } from './cfn-lint.js';
import { runCommand } from './local/process-utils.js';
import { ensurePythonTool, type PythonTool, venvBin } from './local/python-venv.js';

const checkov: PythonTool = {
  name: 'checkov',
  description: 'static analysis of infrastructure templates',
  requirementsFile: fileURLToPath(new URL('./checkov-requirements.txt', import.meta.url)),
};

export interface CheckovFinding {
  checkId: string;
  checkName: string;
  /** `<type>.<logical id>` */
  resource: string;
  file: string;
}

export const formatFinding = (f: CheckovFinding) =>
  `${f.checkId} ${f.resource} (${f.file.split('/').pop()}): ${f.checkName}`;

/**
 * Runs every checkov CloudFormation check over `templates`; returns the failed ones and how many
 * were skipped by an acknowledgement in a resource's `Metadata.checkov.skip`.
 */
export async function checkTemplates(
  templates: readonly string[],
  log: (line: string) => void = console.log,
): Promise<{ failed: CheckovFinding[]; passed: number; skipped: number }> {
  await ensurePythonTool(checkov, log);
  const { code, stdout, stderr } = await runCommand(venvBin(checkov, 'checkov'), [
    ...templates.flatMap((t) => ['--file', t]),
    '--framework',
    'cloudformation',
    '--output',
    'json',
    '--quiet',
    '--compact',
    // offline: no download of guidelines or external checks
    '--skip-download',
  ]);
  // exit code 1 means "findings"; anything else without JSON is checkov failing to run
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new Error(`checkov exited with ${code} without a report:\n${stderr.slice(-4_000)}`);
  }
  const reports = (Array.isArray(parsed) ? parsed : [parsed]) as Array<{
    summary: { passed: number; skipped: number };
    results?: {
      failed_checks: Array<{
        check_id: string;
        check_name: string;
        resource: string;
        file_path: string;
      }>;
    };
  }>;
  return {
    failed: reports.flatMap((r) =>
      (r.results?.failed_checks ?? []).map((c) => ({
        checkId: c.check_id,
        checkName: c.check_name,
        resource: c.resource,
        file: c.file_path,
      })),
    ),
    passed: reports.reduce((n, r) => n + r.summary.passed, 0),
    skipped: reports.reduce((n, r) => n + r.summary.skipped, 0),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { failed, passed, skipped } = await checkTemplates(
    templatesIn(process.argv[2] ?? 'cdk.out'),
  );
  for (const finding of failed) console.log(formatFinding(finding));
  console.log(`checkov: ${passed} passed, ${skipped} acknowledged, ${failed.length} failed`);
  process.exit(failed.length === 0 ? 0 : 1);
}
