import { describe, expect, it } from 'vitest';
import { relevance } from '../../shared/search/relevance.js';
import { blendFor, semanticOrder } from '../../shared/search/semantic-rerank.js';
import { blendOrder } from '../../shared/semantic/blend.js';
import { cosine, decodeVector, encodeVector } from '../../shared/semantic/vector-codec.js';

const unit = (...values: number[]) => {
  const norm = Math.hypot(...values);
  return Float32Array.from(values, (v) => v / norm);
};

describe('blendOrder', () => {
  const query = unit(1, 0);
  const candidates = [
    { lexical: 10, vector: unit(0, 1) }, // best words, unrelated meaning
    { lexical: 8, vector: unit(1, 0.1) }, // fewer words, same meaning
    { lexical: 2, vector: unit(1, 1) },
  ];

  it('keeps lexical order at weight 0 and similarity order at weight 1', () => {
    expect(blendOrder(candidates, query, 0)).toEqual([0, 1, 2]);
    expect(blendOrder(candidates, query, 1)).toEqual([1, 2, 0]);
  });

  it('mixes min-max scaled scores linearly', () => {
    // lexical scaled: 1, 0.75, 0; semantic scaled: 0, 1, 0.71
    expect(blendOrder(candidates, query, 0.5)).toEqual([1, 0, 2]); // 0.5, 0.875, 0.36
    expect(blendOrder(candidates, query, 0.9)).toEqual([1, 2, 0]); // 0.1, 0.975, 0.64
  });

  it('gives a candidate without a vector the lowest semantic score, and keeps ties in lexical order', () => {
    const withMissing = [{ lexical: 5, vector: undefined }, ...candidates.slice(1)];
    // semantic scaled: none → 0, 1, 0 (the lowest known); lexical: 0.5, 1, 0
    expect(blendOrder(withMissing, query, 0.9)).toEqual([1, 0, 2]);
    expect(
      blendOrder(
        [
          { lexical: 1, vector: undefined },
          { lexical: 1, vector: undefined },
        ],
        query,
        0.5,
      ),
    ).toEqual([0, 1]);
  });
});

describe('blendFor: the blend by query shape', () => {
  const settings = relevance.semantic;
  const scores = [10, 9.5, 9, 8.9, 6, 2]; // best first; 90% of the top is 9

  it('blends the whole window at full weight for a described need (more than 4 content words)', () => {
    expect(
      blendFor('does breastfeeding lower the risk of type 1 diabetes', scores, false, settings),
    ).toEqual({ hits: 6, weight: settings.weight });
    // one word no article contains changes nothing in a long query
    expect(
      blendFor('vitamin d supplements prevent islet autoimunity', scores, true, settings),
    ).toEqual({ hits: 6, weight: settings.weight });
  });

  it('lets the model decide only among near-equal text matches of a keyword query', () => {
    // stop and question words do not count: 4 content words
    expect(blendFor('can type 1 diabetes be prevented', scores, false, settings)).toEqual({
      hits: 3,
      weight: settings.keywords.weight,
    });
    expect(blendFor('hba1c', [5, 4.9, 4.8], false, settings)).toEqual({
      hits: 3,
      weight: settings.keywords.weight,
    });
    expect(blendFor('glucagon', [13, 3.6], false, settings).hits).toBe(1); // nothing to re-order
  });

  it('leaves a keyword query with a corrected word in lexical order', () => {
    expect(blendFor('insulin pupms', scores, true, settings)).toEqual({ hits: 0, weight: 0 });
  });

  it('re-orders the hits it picks and leaves the rest in lexical order', () => {
    const query = unit(1, 0);
    const window = [10, 9.5, 6, 5].map((lexical, i) => ({
      lexical,
      vector: unit(i, 1), // the lower a hit, the closer its meaning
    }));
    // keywords: the two hits within 90% of the top swap; the model cannot lift the others
    expect(semanticOrder('cure research', window, query, false, settings)).toEqual([1, 0, 2, 3]);
    expect(semanticOrder('insulin pupms', window, query, true, settings)).toEqual([0, 1, 2, 3]);
    // a description: the whole window (lexical scaled 1, .9, .2, 0; semantic 0, .75, .94, 1)
    expect(
      semanticOrder(
        'which research may lead to a cure for type 1 diabetes',
        window,
        query,
        false,
        settings,
      ),
    ).toEqual([1, 2, 3, 0]);
  });

  it('follows the table in relevance.ts', () => {
    const wider = { ...settings, keywords: { maxWords: 2, weight: 0.3, nearBest: 0.5 } };
    expect(blendFor('blood sugar during sport', scores, false, wider)).toEqual({
      hits: 6,
      weight: wider.weight,
    });
    expect(blendFor('cure research', scores, false, wider)).toEqual({ hits: 5, weight: 0.3 });
  });
});

describe('vector codec', () => {
  it('round-trips a unit vector through int8 base64 within rounding', () => {
    const vector = unit(...Array.from({ length: 384 }, (_, i) => Math.sin(i * 1.7)));
    const encoded = encodeVector(vector);
    expect(encoded).toHaveLength(512);
    const decoded = decodeVector(encoded, 384) as Float32Array;
    expect(cosine(decoded, vector)).toBeGreaterThan(0.999);
  });

  it('refuses a vector of the wrong size or all zeros', () => {
    expect(decodeVector(encodeVector(unit(1, 2, 3)), 384)).toBeUndefined();
    expect(decodeVector(Buffer.alloc(384).toString('base64'), 384)).toBeUndefined();
  });
});
