import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleOptions, functionNames, projectRoot } from '../../infra/bundling.js';
import { openSearchNamespaces } from '../../infra/lean-bundle.js';

/** `client.<namespace>.<method>(` calls in the project files a function's bundle holds. */
async function openSearchNamespacesCalled(name: (typeof functionNames)[number]) {
  const { metafile } = await build({
    ...bundleOptions(name, 'unused'),
    write: false,
    metafile: true,
  });
  const called = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    if (!/^(shared|functions)\/.*\.ts$/.test(input)) continue;
    const code = readFileSync(path.join(projectRoot, input), 'utf8');
    for (const m of code.matchAll(/\bclient\.(\w+)\.\w+\(/g)) called.add(m[1] as string);
  }
  return [...called].sort();
}

describe('lean bundles', () => {
  // provision calls three namespaces, so a scan that sees nothing fails too
  it.each(functionNames)(
    '%s keeps exactly the OpenSearch API namespaces its code calls',
    async (name) => {
      const called = await openSearchNamespacesCalled(name);

      expect(called).toEqual([...openSearchNamespaces[name]].sort());
    },
  );
});
