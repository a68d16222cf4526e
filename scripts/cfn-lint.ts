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

/**
 * Makes sure the pinned cfn-lint is installed and returns the interpreter that runs it. Builds a
 * fresh venv next to the final one and renames it into place, so a concurrent run never sees a
 * half-installed environment.
 */
export function ensureCfnLint(): string {
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

export interface LintResult {
  /** True when cfn-lint reported no errors and no warnings. */
  ok: boolean;
  output: string;
}

/** Runs cfn-lint over the given template files. */
export function lintTemplates(templates: string[]): LintResult {
  if (templates.length === 0) throw new Error('no templates to lint');
  const python = ensureCfnLint();
  const result = run(python, [
    ...cfnLintEntry,
    '--ignore-checks',
    ...ignoredChecks,
    '--',
    ...templates,
  ]);
  // Exit status is a bit field: 2 errors, 4 warnings, 8 informational; 1 means cfn-lint failed.
  const status = result.status ?? 1;
  return { ok: (status & 0b111) === 0, output: `${result.stdout}${result.stderr}`.trim() };
}

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
  const { ok, output } = lintTemplates(templates);
  console.log(output || `cfn-lint ${cfnLintVersion}: ${templates.length} templates clean`);
  process.exit(ok ? 0 : 1);
}
