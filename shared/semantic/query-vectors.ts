import type { Embedder } from './embedder.js';

/**
 * Query embedding with a small cache of recent queries (least recently used dropped first):
 * visitors repeat popular queries, and a page change re-sends the same one.
 */
export function cachedQueryEmbedder(embedder: Embedder, capacity = 500) {
  const cache = new Map<string, Float32Array>();
  return async (q: string): Promise<Float32Array> => {
    const key = q.trim().toLowerCase();
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit;
    }
    const [vector] = (await embedder.embed([key], 'query')) as [Float32Array];
    cache.set(key, vector);
    if (cache.size > capacity) cache.delete(cache.keys().next().value as string);
    return vector;
  };
}

export type QueryEmbedder = ReturnType<typeof cachedQueryEmbedder>;
