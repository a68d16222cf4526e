/**
 * Bundles every Lambda (`functions/<name>/handler.ts`) with the esbuild settings the CDK app
 * deploys (infra/bundling.ts) into `dist/<name>/index.mjs`, prints a size table, and fails when
 * a function is missing, a bundle is over budget, or a dev dependency got bundled.
 *
 *   npm run build [-- --source-map]
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import {
  budgetOf,
  bundleOptions,
  entryPath,
  type FunctionName,
  functionNames,
  isFunctionName,
  projectRoot,
} from '../infra/bundling.js';
import { buildWeb, reportWeb } from './web/build-web.js';

const { values } = parseArgs({ options: { 'source-map': { type: 'boolean', default: false } } });
const distDir = path.join(projectRoot, 'dist');

const devDependencies = Object.keys(
  JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')).devDependencies ?? {},
);

interface BundleReport {
  name: FunctionName;
  bytes: number;
  gzipBytes: number;
  /** Output bytes per npm package, largest first. */
  packages: [string, number][];
  devDependenciesBundled: string[];
}

/** `node_modules/@scope/pkg/...` → `@scope/pkg`; project files → undefined. */
function packageOf(input: string): string | undefined {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return match?.[1];
}

function bytesByPackage(metafile: Metafile): [string, number][] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = packageOf(input) ?? '(project)';
      totals.set(pkg, (totals.get(pkg) ?? 0) + bytesInOutput);
    }
  }
  return [...totals].sort((a, b) => b[1] - a[1]);
}

async function bundle(name: FunctionName): Promise<BundleReport> {
  const options = bundleOptions(name, path.join(distDir, name), {
    sourceMap: values['source-map'],
  });
  const { metafile } = await build({ ...options, metafile: true });
  const code = readFileSync(options.outfile);
  const packages = bytesByPackage(metafile);
  return {
    name,
    bytes: code.length,
    gzipBytes: gzipSync(code).length,
    packages,
    devDependenciesBundled: packages
      .map(([pkg]) => pkg)
      .filter((pkg) => devDependencies.includes(pkg)),
  };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

function printTable(reports: BundleReport[]): void {
  const rows = reports.map((r) => [
    r.name,
    kb(r.bytes),
    kb(r.gzipBytes),
    kb(budgetOf(r.name)),
    r.packages
      .slice(0, 3)
      .map(([pkg, bytes]) => `${pkg} ${kb(bytes)}`)
      .join(', '),
  ]);
  const header = ['function', 'index.mjs', 'gzip', 'budget', 'largest contributors'];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<number> {
  rmSync(distDir, { recursive: true, force: true });
  const present = new Set(
    readdirSync(path.join(projectRoot, 'functions')).filter((name) => existsSync(entryPath(name))),
  );
  const missing = functionNames.filter((name) => !present.has(name));
  const unexpected = [...present].filter((name) => !isFunctionName(name));
  const reports = await Promise.all(functionNames.filter((name) => present.has(name)).map(bundle));

  printTable(reports);
  const problems = [
    ...missing.map((name) => `missing: functions/${name}/handler.ts`),
    ...unexpected.map((name) => `functions/${name} is not deployed: add it to infra/bundling.ts`),
    ...reports
      .filter((r) => r.bytes > budgetOf(r.name))
      .map((r) => `${r.name}: ${kb(r.bytes)} exceeds the ${kb(budgetOf(r.name))} budget`),
    ...reports
      .filter((r) => r.devDependenciesBundled.length > 0)
      .map((r) => `${r.name} bundles dev dependencies: ${r.devDependenciesBundled.join(', ')}`),
  ];
  for (const problem of problems) console.error(problem);
  return problems.length === 0 ? 0 : 1;
}

const functionsExit = await main();
// the site kit's browser bundles (web/), after main() has emptied dist/
const webProblems = reportWeb(await buildWeb(path.join(distDir, 'web')));
for (const problem of webProblems) console.error(problem);
process.exitCode = functionsExit || (webProblems.length > 0 ? 1 : 0);
