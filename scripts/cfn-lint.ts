/**
 * Lints synthesized CloudFormation templates with cfn-lint.
 *
 *   npx cdk synth -c stage=prod && npx tsx scripts/cfn-lint.ts [cdk.out]
 *
 * cfn-lint comes from PyPI, pinned in `cfn-lint-requirements.txt`, into a private venv under
 * `.local/cfn-lint-venv` built on first use (as checkov's and moto's are), so CI and laptops lint
 * with the same rules.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCommand } from './local/process-utils.js';
import { ensurePythonTool, type PythonTool, venvBin } from './local/python-venv.js';

const cfnLint: PythonTool = {
  name: 'cfn-lint',
  description: 'CloudFormation template linter',
  requirementsFile: fileURLToPath(new URL('./cfn-lint-requirements.txt', import.meta.url)),
};

/**
 * Checks that are off, each for a reason:
 * - W3005: CDK adds an explicit DependsOn from each function to its role, which the template
 *   also references with GetAtt; the duplicate edge is harmless and not ours to remove.
 */
const ignoredChecks = ['W3005'];

export interface LintFinding {
  file: string;
  line: number;
  rule: string;
  message: string;
}

export interface LintResult {
  /** True when cfn-lint reported no errors and no warnings. */
  ok: boolean;
  findings: LintFinding[];
}

/** `path:line:col:endLine:endCol:RULE:message`, cfn-lint's `parseable` format. */
const findingLine = /^(.+?):(\d+):\d+:\d+:\d+:([EWI]\d+):(.*)$/;

/** Runs cfn-lint once over the given template files. */
export async function lintTemplates(
  templates: string[],
  log: (line: string) => void = console.log,
): Promise<LintResult> {
  if (templates.length === 0) throw new Error('no templates to lint');
  await ensurePythonTool(cfnLint, log);
  const args = ['--format', 'parseable', '--ignore-checks', ...ignoredChecks, '--', ...templates];
  const result = await runCommand(venvBin(cfnLint, 'cfn-lint'), args);
  // Exit status is a bit field: 2 errors, 4 warnings, 8 informational; 1 means cfn-lint failed.
  const status = result.code;
  if (status & 1) throw new Error(`cfn-lint could not run:\n${result.stderr}`);
  const findings = result.stdout.split('\n').flatMap((text) => {
    const match = findingLine.exec(text.trim());
    if (!match) return [];
    const [, file = '', line = '0', rule = '', message = ''] = match;
    return [{ file, line: Number(line), rule, message }];
  });
  return { ok: (status & 0b110) === 0, findings };
}

export const formatFinding = (f: LintFinding) =>
  `${f.rule} ${path.basename(f.file)}:${f.line} ${f.message}`;

/** Every `*.template.json` in a cloud assembly directory. */
export function templatesIn(assemblyDir: string): string[] {
  return readdirSync(assemblyDir)
    .filter((name) => name.endsWith('.template.json'))
    .map((name) => path.join(assemblyDir, name));
}

const invokedDirectly = process.argv[1] === fileURLToPath(import.meta.url);
if (invokedDirectly) {
  const assemblyDir = path.resolve(process.argv[2] ?? 'cdk.out');
  let templates: string[] = [];
  try {
    templates = templatesIn(assemblyDir);
  } catch {
    // no assembly yet: said below
  }
  if (templates.length === 0) {
    console.error(`No templates in ${assemblyDir}: run \`npx cdk synth -c stage=<stage>\` first.`);
    process.exit(1);
  }
  const { ok, findings } = await lintTemplates(templates);
  for (const finding of findings) console.log(formatFinding(finding));
  if (ok) console.log(`cfn-lint: ${templates.length} templates clean`);
  process.exit(ok ? 0 : 1);
}
