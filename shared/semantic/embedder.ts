import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { EmbeddingModel } from './model.js';

export type EmbeddingKind = 'query' | 'passage';

/** Turns texts into L2-normalised sentence vectors with one loaded model. */
export interface Embedder {
  readonly model: EmbeddingModel;
  embed(texts: readonly string[], kind: EmbeddingKind): Promise<Float32Array[]>;
}

/** Characters kept before tokenizing: well past any model's token window, so nothing is lost. */
const charsPerToken = 12;

/**
 * Loads the model's ONNX file and tokenizer from `dir` (once per container: the session is the
 * expensive part, ~0.4 s and ~150 MB) and returns an embedder: BERT-style encoding cut to the
 * model's window, mean pooling over the attention mask, L2 normalisation.
 */
export async function loadEmbedder(dir: string, model: EmbeddingModel): Promise<Embedder> {
  // Loaded here, not at module load: the runtime and tokenizer ship only with the functions that
  // embed (external to the bundles, in the semantic layer), and a function without them answers
  // lexically. `require`, not `import()`: on Lambda they are in the layer's
  // /opt/nodejs/node_modules, which only CommonJS resolution finds (through NODE_PATH);
  // test/infra/semantic-layer.test.ts loads the packaged layout to prove it.
  const load = createRequire(import.meta.url);
  const { InferenceSession, Tensor } = load(
    'onnxruntime-node',
  ) as typeof import('onnxruntime-node');
  const { Tokenizer } = load('@huggingface/tokenizers') as typeof import('@huggingface/tokenizers');
  const [session, tokenizerJson] = await Promise.all([
    InferenceSession.create(join(dir, model.onnxFile), {
      graphOptimizationLevel: 'all',
      // one request at a time per Lambda container; more threads only contend on small hosts
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
    }),
    readFile(join(dir, model.tokenizerFile), 'utf8'),
  ]);
  const tokenizer = new Tokenizer(JSON.parse(tokenizerJson), {});

  const encode = (text: string): number[] => {
    const ids = tokenizer.encode(text.slice(0, model.maxTokens * charsPerToken)).ids;
    if (ids.length <= model.maxTokens) return ids;
    // keep [CLS] and the first tokens, end with the [SEP] the template added
    return [...ids.slice(0, model.maxTokens - 1), ids[ids.length - 1] as number];
  };

  return {
    model,
    async embed(texts, kind) {
      if (texts.length === 0) return [];
      const encoded = texts.map((text) => encode(`${model.prefix[kind]}${text}`));
      const width = Math.max(...encoded.map((ids) => ids.length));
      const size = texts.length * width;
      const inputIds = new BigInt64Array(size);
      const mask = new BigInt64Array(size);
      encoded.forEach((ids, row) => {
        ids.forEach((id, col) => {
          inputIds[row * width + col] = BigInt(id);
          mask[row * width + col] = 1n;
        });
      });
      const dims = [texts.length, width];
      const output = await session.run({
        input_ids: new Tensor('int64', inputIds, dims),
        attention_mask: new Tensor('int64', mask, dims),
        token_type_ids: new Tensor('int64', new BigInt64Array(size), dims),
      });
      const hidden = output.last_hidden_state?.data as Float32Array;
      return encoded.map((ids, row) =>
        meanPooled(hidden, row, width, ids.length, model.dimensions),
      );
    },
  };
}

/** The mean of a row's token vectors (padding excluded), scaled to unit length. */
function meanPooled(
  hidden: Float32Array,
  row: number,
  width: number,
  tokens: number,
  dimensions: number,
): Float32Array {
  const vector = new Float32Array(dimensions);
  for (let t = 0; t < tokens; t++) {
    const offset = (row * width + t) * dimensions;
    for (let d = 0; d < dimensions; d++)
      vector[d] = (vector[d] as number) + (hidden[offset + d] as number);
  }
  let norm = 0;
  for (let d = 0; d < dimensions; d++) norm += (vector[d] as number) ** 2;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let d = 0; d < dimensions; d++) vector[d] = (vector[d] as number) * scale;
  return vector;
}
