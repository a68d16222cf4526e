import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../infra/bundling.js';

const infraDir = path.join(projectRoot, 'infra');

const sourcesIn = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourcesIn(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });

const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)[^'"]*from\s+'([^']+)'/gm)].map(
    (m) => m[1] ?? '',
  );

describe('infra/ boundaries', () => {
  it('imports only the CDK, Node built-ins, itself and shared/config-keys.ts', () => {
    const outside = sourcesIn(infraDir).flatMap((file) =>
      importsOf(file)
        .filter((specifier) => {
          if (/^(aws-cdk-lib|constructs|cdk-nag)(\/|$)/.test(specifier)) return false;
          if (specifier.startsWith('node:')) return false;
          if (!specifier.startsWith('.')) return true;
          const target = path.resolve(path.dirname(file), specifier);
          return !(
            target.startsWith(infraDir + path.sep) ||
            target === path.join(projectRoot, 'shared', 'config-keys.js')
          );
        })
        .map((specifier) => `${path.relative(projectRoot, file)} → ${specifier}`),
    );

    expect(outside).toEqual([]);
  });
});
