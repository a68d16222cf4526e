import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../infra/bundling.js';
import { openSearchNamespaces } from '../../infra/lean-bundle.js';

/** `client.<namespace>.<method>(` calls in the code that gets bundled. */
function openSearchNamespacesCalled(): Set<string> {
  const called = new Set<string>();
  for (const folder of ['shared', 'functions']) {
    const files = readdirSync(path.join(projectRoot, folder), {
      recursive: true,
      encoding: 'utf8',
    });
    for (const file of files.filter((f) => f.endsWith('.ts'))) {
      const code = readFileSync(path.join(projectRoot, folder, file), 'utf8');
      for (const m of code.matchAll(/\bclient\.(\w+)\.\w+\(/g)) called.add(m[1] as string);
    }
  }
  return called;
}

describe('lean bundles', () => {
  it('keep every OpenSearch API namespace the functions call', () => {
    const called = openSearchNamespacesCalled();

    expect(called).toContain('indices'); // the scan itself works
    expect([...called].filter((ns) => !openSearchNamespaces.includes(ns))).toEqual([]);
  });
});
