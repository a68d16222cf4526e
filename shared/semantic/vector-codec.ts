import type { StoredEmbedding } from '../articles/stored-article.js';

/**
 * Compact storage of unit vectors: one signed byte per dimension (scaled so the largest component
 * is ±127), base64 in the article item and the index document. 384 dimensions → 512 characters.
 * Cosine similarity survives the rounding to about ±0.01, far below what ranking can notice.
 */
export function encodeVector(vector: Float32Array): string {
  let max = 0;
  for (const value of vector) max = Math.max(max, Math.abs(value));
  const scale = max > 0 ? 127 / max : 0;
  const bytes = new Int8Array(vector.length);
  vector.forEach((value, i) => {
    bytes[i] = Math.round(value * scale);
  });
  return Buffer.from(bytes.buffer).toString('base64');
}

/** The unit vector a stored string stands for; undefined when it is not `dimensions` long. */
export function decodeVector(encoded: string, dimensions: number): Float32Array | undefined {
  const buffer = Buffer.from(encoded, 'base64');
  if (buffer.length !== dimensions) return undefined;
  const bytes = new Int8Array(buffer.buffer, buffer.byteOffset, buffer.length);
  let norm = 0;
  for (const value of bytes) norm += value * value;
  if (norm === 0) return undefined;
  const scale = 1 / Math.sqrt(norm);
  return Float32Array.from(bytes, (value) => value * scale);
}

/** Cosine similarity of two unit vectors. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] as number) * (b[i] as number);
  return dot;
}

/**
 * Cosine similarity of two stored vectors; undefined when either is missing, unreadable, or made
 * by another model than the other (vectors of different models are not comparable).
 */
export function storedSimilarity(
  a: StoredEmbedding | undefined,
  b: StoredEmbedding | undefined,
  dimensions: number,
): number | undefined {
  if (!a || !b || a.model !== b.model) return undefined;
  const [va, vb] = [decodeVector(a.vector, dimensions), decodeVector(b.vector, dimensions)];
  return va && vb ? cosine(va, vb) : undefined;
}
