/**
 * Lints synthesized CloudFormation templates with cfn-lint.
 *
 *   npx cdk synth -c stage=prod && npx tsx scripts/cfn-lint.ts [cdk.out]
 *
 * cfn-lint comes from PyPI, pinned, into a project-local virtualenv that is created only when
 * missing (or when the pin changes), so CI and laptops lint with the same rules.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const cfnLintVersion = '1.58.0';

const projectRoot = fileURLToPath(new URL('..', import.meta.url));
const venvDir = path.join(projectRoot, '.local', 'cfn-lint-venv');
const venvPython = (dir: string) => path.join(dir, 'bin', 'python');
/**
 * cfn-lint's console script has the venv's absolute path in its shebang, which the rename below
 * would break; calling its entry point through the venv's interpreter does not depend on it.
 */
const cfnLintEntry = ['-c', 'import sys; from cfnlint.runner import main; sys.exit(main())'];

/**
 * Checks that are off, each for a reason:
 * - W3005: CDK adds an explicit DependsOn from each function to its role, which the template
 *   also references with GetAtt; the duplicate edge is harmless and not ours to remove.
 */
const ignoredChecks = ['W3005'];

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  if (result.error) throw result.error;
  return result;
}

function installedVersion(dir: string): string | undefined {
  if (!existsSync(venvPython(dir))) return undefined;
  const result = run(venvPython(dir), [...cfnLintEntry, '--version']);
  return result.status === 0 ? result.stdout.trim().split(/\s+/).pop() : undefined;
}

let ensured: string | undefined;

/** Makes sure the pinned cfn-lint is installed (once per process); returns its interpreter. */
export function ensureCfnLint(): string {
  ensured ??= installCfnLint();
  return ensured;
}

/**
 * Builds a fresh venv next to the final one and renames it into place, so a concurrent run never
 * sees a half-installed environment.
 */
function installCfnLint(): string {
  if (installedVersion(venvDir) === cfnLintVersion) return venvPython(venvDir);
  const staging = `${venvDir}.${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  const steps: [string, string[]][] = [
    ['python3', ['-m', 'venv', staging]],
    [
      venvPython(staging),
      [
        '-m',
        'pip',
        'install',
        '--quiet',
        '--disable-pip-version-check',
        `cfn-lint==${cfnLintVersion}`,
      ],
    ],
  ];
  for (const [command, args] of steps) {
    const result = run(command, args);
    if (result.status !== 0) {
      rmSync(staging, { recursive: true, force: true });
      throw new Error(`installing cfn-lint failed: ${command} ${args.join(' ')}\n${result.stderr}`);
    }
  }
  if (installedVersion(venvDir) !== cfnLintVersion) {
    rmSync(venvDir, { recursive: true, force: true });
    renameSync(staging, venvDir);
  } else {
    rmSync(staging, { recursive: true, force: true }); // another run finished first
  }
  return venvPython(venvDir);
}

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
export function lintTemplates(templates: string[]): LintResult {
  if (templates.length === 0) throw new Error('no templates to lint');
  const python = ensureCfnLint();
  const args = ['--format', 'parseable', '--ignore-checks', ...ignoredChecks, '--', ...templates];
  const result = run(python, [...cfnLintEntry, ...args]);
  // Exit status is a bit field: 2 errors, 4 warnings, 8 informational; 1 means cfn-lint failed.
  const status = result.status ?? 1;
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
  const templates = existsSync(assemblyDir) ? templatesIn(assemblyDir) : [];
  if (templates.length === 0) {
    console.error(`No templates in ${assemblyDir}: run \`npx cdk synth -c stage=<stage>\` first.`);
    process.exit(1);
  }
  const { ok, findings } = lintTemplates(templates);
  for (const finding of findings) console.log(formatFinding(finding));
  if (ok) console.log(`cfn-lint ${cfnLintVersion}: ${templates.length} templates clean`);
  process.exit(ok ? 0 : 1);
}
