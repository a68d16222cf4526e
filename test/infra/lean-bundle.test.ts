import path from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bundleOptions,
  type FunctionName,
  functionNames,
  projectRoot,
} from '../../infra/bundling.js';
import { openSearchApis } from '../../infra/lean-bundle.js';

/** The project files each function's bundle holds, as esbuild resolved them. */
async function bundledFiles(name: FunctionName): Promise<string[]> {
  const { metafile } = await build({
    ...bundleOptions(name, 'unused'),
    write: false,
    metafile: true,
  });
  return Object.keys(metafile.inputs)
    .filter((input) => /^(shared|functions)\/.*\.ts$/.test(input))
    .map((input) => path.join(projectRoot, input));
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

const files = new Map<FunctionName, string[]>();
let program: ts.Program;

beforeAll(async () => {
  for (const name of functionNames) files.set(name, await bundledFiles(name));
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
});
