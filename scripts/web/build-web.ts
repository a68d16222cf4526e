/**
 * The site kit's browser bundles (esbuild): the InstantSearch adapter and the related-articles
 * widget as they ship to a site, and the demo's scripts and stylesheet. Each shipped script has
 * a gzip budget; `npm run build` prints the sizes and fails over budget, `npm start` builds the
 * demo with the same function.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { repoRoot } from '../local/repo-root.js';

interface WebBundle {
  /** Output path under the output directory. */
  file: string;
  entry: string;
  /** Gzipped ceiling in bytes, for what a site ships. */
  gzipBudget?: number;
}

export const webBundles: WebBundle[] = [
  {
    file: 'type1cure-instantsearch.js',
    entry: 'web/instantsearch/search-client.ts',
    gzipBudget: 10 * 1024,
  },
  { file: 'type1cure-related.js', entry: 'web/related/related-element.ts', gzipBudget: 8 * 1024 },
  { file: 'demo/search-page.js', entry: 'web/demo/search-page.ts' },
  { file: 'demo/article-page.js', entry: 'web/demo/article-page.ts' },
];

/** Copied as they are. */
const staticFiles = ['demo/site.css'];

export interface WebBundleReport {
  file: string;
  bytes: number;
  gzipBytes: number;
  gzipBudget?: number;
}

/** Builds every web bundle into `outDir` (minified ESM for current browsers). */
export async function buildWeb(outDir: string): Promise<WebBundleReport[]> {
  mkdirSync(path.join(outDir, 'demo'), { recursive: true });
  for (const file of staticFiles) {
    copyFileSync(path.join(repoRoot, 'web', file), path.join(outDir, file));
  }
  return Promise.all(
    webBundles.map(async ({ file, entry, gzipBudget }) => {
      const outfile = path.join(outDir, file);
      await build({
        entryPoints: [path.join(repoRoot, entry)],
        outfile,
        bundle: true,
        format: 'esm',
        platform: 'browser',
        target: ['es2022'],
        minify: true,
        legalComments: 'none',
        logLevel: 'warning',
      });
      const code = readFileSync(outfile);
      return { file, bytes: code.length, gzipBytes: gzipSync(code).length, gzipBudget };
    }),
  );
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** Prints the size table; returns the budget problems. */
export function reportWeb(reports: WebBundleReport[]): string[] {
  const rows = reports.map((r) => [
    r.file,
    kib(r.bytes),
    kib(r.gzipBytes),
    r.gzipBudget ? kib(r.gzipBudget) : '(demo)',
  ]);
  const header = ['web bundle', 'minified', 'gzip', 'gzip budget'];
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)),
  );
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  console.log(`\n${line(header)}`);
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
  return reports
    .filter((r) => r.gzipBudget !== undefined && r.gzipBytes > r.gzipBudget)
    .map(
      (r) => `${r.file}: ${kib(r.gzipBytes)} gzipped exceeds its ${kib(r.gzipBudget ?? 0)} budget`,
    );
}
