import type { Embedder } from '../../shared/semantic/embedder.js';
import { semanticModel } from '../../shared/semantic/model.js';

/** An embedder whose model has stopped working: every call rejects, as a lost session would. */
export const failingEmbedder: Embedder = {
  model: semanticModel,
  embed: async () => {
    throw new Error('session lost');
  },
};
