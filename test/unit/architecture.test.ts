import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../scripts/local/repo-root.js';

/** Every relative import in the TypeScript files under a folder, resolved to repo paths. */
function relativeImports(folder: string): Array<{ file: string; target: string }> {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts')) files.push(path);
    }
  };
  walk(join(repoRoot, folder));
  return files.flatMap((file) =>
    [
      ...readFileSync(file, 'utf8').matchAll(
        /(?:from|import)\s*\(?\s*['"`](\.{1,2}\/[^'"`]+)['"`]/g,
      ),
    ].map((m) => ({
      file: relative(repoRoot, file),
      target: relative(repoRoot, resolve(file, '..', m[1] as string))
        .split(sep)
        .join('/'),
    })),
  );
}

describe('folder boundaries (STYLE.md)', () => {
  it('keeps the core free of functions/, infra/ and scripts/', () => {
    const imports = relativeImports('shared');
    expect(imports.length).toBeGreaterThan(10); // the scan itself works
    expect(imports.filter((i) => !i.target.startsWith('shared/'))).toEqual([]);
  });

  it('lets a function import the core and nothing of infra/ or another function', () => {
    const bad = relativeImports('functions').filter((i) => {
      const own = i.file.split('/').slice(0, 2).join('/');
      return !i.target.startsWith('shared/') && !i.target.startsWith(`${own}/`);
    });
    expect(bad).toEqual([]);
  });

  it('lets infra/ use only the env var names, the route table, the stream mapping and the mapping hash from the core', () => {
    // The mapping hash is a property of the provisioning custom resource, so a deploy that
    // changes the mapping runs it (and it starts a reindex).
    const bad = relativeImports('infra').filter(
      (i) =>
        !i.target.startsWith('infra/') &&
        ![
          'shared/config-keys.js',
          'shared/api-routes.js',
          'shared/ingest/stream-mapping.js',
          'shared/search-index/mapping.js',
        ].includes(i.target),
    );
    expect(bad).toEqual([]);
  });

  it('keeps web/ (what browsers load) to itself: API types come from the OpenAPI document', () => {
    const imports = relativeImports('web');
    expect(imports.length).toBeGreaterThan(10);
    expect(imports.filter((i) => !i.target.startsWith('web/'))).toEqual([]);
  });
});
