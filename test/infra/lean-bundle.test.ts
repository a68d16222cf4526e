import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bundleOptions,
  type FunctionName,
  functionNames,
  projectRoot,
} from '../../infra/bundling.js';
import { openSearchApis } from '../../infra/lean-bundle.js';

/** What esbuild put in each function's bundle. */
const bundleInputs = async (name: FunctionName): Promise<Metafile['inputs']> =>
  (await build({ ...bundleOptions(name, 'unused'), write: false, metafile: true })).metafile.inputs;

/** The project files a bundle holds. */
const projectFiles = (inputs: Metafile['inputs']): string[] =>
  Object.keys(inputs)
    .filter((input) => /^(shared|functions)\/.*\.ts$/.test(input))
    .map((input) => path.join(projectRoot, input));

/** Files of a bundle that import a package.json, which the bundle trims to its `version`. */
const packageJsonReaders = (inputs: Metafile['inputs']): string[] =>
  Object.entries(inputs)
    .filter(([, input]) => input.imports.some((i) => /[/\\]package\.json$/.test(i.path)))
    .map(([file]) => file);

/** Whether `code` reads nothing but `.version` of the package.json files it imports. */
function readsOnlyVersion(code: string): boolean {
  const required = [...code.matchAll(/require\((['"])[^'"]*package\.json\1\)(\.\w+)?/g)];
  const imported = [...code.matchAll(/import (\w+) from (['"])[^'"]*package\.json\2/g)];
  const uses = imported.flatMap(([, name]) =>
    [...code.matchAll(new RegExp(`\\b${name}\\b(\\.\\w+)?`, 'g'))].slice(1),
  );
  return [...required, ...uses].every((m) => m.at(-1) === '.version');
}

/**
 * The OpenSearch client APIs `files` touch, found by the type checker rather than by names: every
 * identifier that resolves to a member of the client's API class (a root method such as `search`,
 * a namespace such as `indices`) or to `Client.helpers`, whatever the variable holding the client
 * is called or typed as.
 */
function openSearchApisTouched(program: ts.Program, files: string[]): string[] {
  const checker = program.getTypeChecker();
  const touched = new Set<string>();
  const visit = (node: ts.Node) => {
    if (ts.isIdentifier(node)) {
      const declaration = checker.getSymbolAtLocation(node)?.declarations?.[0];
      const owner = declaration?.parent;
      const fromClient = /[/\\]@opensearch-project[/\\]opensearch[/\\]/.test(
        declaration?.getSourceFile().fileName ?? '',
      );
      const ownerName = owner && ts.isClassDeclaration(owner) ? owner.name?.text : undefined;
      if (
        fromClient &&
        (ownerName === 'OpenSearchAPI' || (ownerName === 'Client' && node.text === 'helpers'))
      ) {
        touched.add(node.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const file of files) {
    const source = program.getSourceFile(file);
    if (!source) throw new Error(`${file} is not in the program`);
    visit(source);
  }
  return [...touched].sort();
}

const inputs = new Map<FunctionName, Metafile['inputs']>();
const files = new Map<FunctionName, string[]>();
let program: ts.Program;

beforeAll(async () => {
  for (const name of functionNames) {
    inputs.set(name, await bundleInputs(name));
    files.set(name, projectFiles(inputs.get(name) ?? {}));
  }
  const { options } = ts.parseJsonConfigFileContent(
    ts.readConfigFile(path.join(projectRoot, 'tsconfig.json'), ts.sys.readFile).config,
    ts.sys,
    projectRoot,
  );
  program = ts.createProgram([...new Set([...files.values()].flat())], options);
}, 120_000);

describe('lean bundles', () => {
  // provision and reindex touch namespaces and root methods, so a scan that sees nothing fails too
  it.each(functionNames)('%s keeps exactly the OpenSearch APIs its code touches', (name) => {
    expect(openSearchApisTouched(program, files.get(name) ?? [])).toEqual(
      [...openSearchApis[name]].sort(),
    );
  });

  it('trims only package.json files whose readers want their version alone', () => {
    const readers = [...new Set([...inputs.values()].flatMap(packageJsonReaders))];

    expect(readers).toContain('node_modules/@aws-sdk/client-dynamodb/dist-es/runtimeConfig.js');
    expect(readers).toContain('node_modules/@opensearch-project/opensearch/lib/Transport.js');
    expect(
      readers.filter(
        (file) => !readsOnlyVersion(readFileSync(path.join(projectRoot, file), 'utf8')),
      ),
    ).toEqual([]);
  });
});
