import { describe, expect, it } from 'vitest';
import {
  type CandidateDoc,
  diversify,
  type RankInput,
  rankRelated,
} from '../../shared/recommend/rank.js';
import { relatedTuning } from '../../shared/recommend/tuning.js';
import { semanticModel } from '../../shared/semantic/model.js';
import { encodeVector } from '../../shared/semantic/vector-codec.js';

const doc = (id: string, over: Partial<CandidateDoc> = {}): CandidateDoc => ({
  id,
  version: 1,
  title: id,
  summary: `${id} summary`,
  tags: [],
  category: 'Causes & What We Know',
  publishedAt: '2025-01-01',
  evidence: { source: 'Diabetes Care', type: 'Observational cohort' },
  sourceKey: 'diabetes care',
  ...over,
});

const input = (over: Partial<RankInput>): RankInput => ({
  source: { id: 'source', tags: ['genetics', 'risk'], category: 'Causes & What We Know' },
  similar: [],
  selfScore: 100,
  selfScoreAllWords: 150,
  tagged: [],
  newestTagged: [],
  newestInCategory: [],
  rarity: { total: 50, counts: { genetics: 3, risk: 40 } },
  today: '2026-07-01',
  limit: 4,
  ...over,
});

describe('rankRelated', () => {
  it('ranks by combined score, content relative to the source itself', () => {
    const ranked = rankRelated(
      input({
        similar: [
          { doc: doc('close', { sourceKey: 'a' }), score: 60 },
          {
            doc: doc('far', { sourceKey: 'b', evidence: { source: 'b', type: 'Meta-analysis' } }),
            score: 40,
          },
        ],
      }),
      relatedTuning,
    );
    expect(ranked.map((r) => r.doc.id)).toEqual(['close', 'far']);
    expect(ranked[0]?.content).toBeCloseTo(0.6);
    expect(ranked[0]?.coverage).toBeCloseTo(0.4);
    expect(ranked.every((r) => r.score > 0 && !r.fallback)).toBe(true);
  });

  it('ranks the candidate closer in meaning first, with vectors of one model only', () => {
    const embedding = (angle: number, model = semanticModel.name) => {
      const vector = new Float32Array(semanticModel.dimensions);
      vector[0] = Math.cos(angle);
      vector[1] = Math.sin(angle);
      return { model, hash: 'h', vector: encodeVector(vector) };
    };
    const candidates = (near: CandidateDoc['embedding']) => [
      { doc: doc('apart', { sourceKey: 'a', embedding: embedding(1.4) }), score: 60 },
      { doc: doc('near', { sourceKey: 'b', embedding: near }), score: 60 },
    ];
    const source = { ...input({}).source, embedding: embedding(0) };
    const ids = (ranked: ReturnType<typeof rankRelated>) => ranked.map((item) => item.doc.id);

    expect(
      ids(rankRelated(input({ source, similar: candidates(embedding(0.1)) }), relatedTuning)),
    ).toEqual(['near', 'apart']);
    // another model's vector is not comparable: it counts as none, below any similarity
    expect(
      ids(rankRelated(input({ source, similar: candidates(embedding(0.1, 'e5')) }), relatedTuning)),
    ).toEqual(['apart', 'near']);
  });

  it('weights a shared rare tag above a shared common one', () => {
    const ranked = rankRelated(
      input({
        tagged: [
          doc('common', { tags: ['risk'], sourceKey: 'a' }),
          doc('rare', { tags: ['genetics'], sourceKey: 'b' }),
        ],
      }),
      relatedTuning,
    );
    expect(ranked[0]?.doc.id).toBe('rare');
  });

  it('never lists the source, even when a search returned it', () => {
    const ranked = rankRelated(
      input({ similar: [{ doc: doc('source'), score: 100 }], newestInCategory: [doc('source')] }),
      relatedTuning,
    );
    expect(ranked.map((r) => r.doc.id)).not.toContain('source');
  });

  it('fills with the newest tag-sharing, then same-category articles, marked fallback', () => {
    const ranked = rankRelated(
      input({
        similar: [{ doc: doc('good', { tags: ['genetics'] }), score: 70 }],
        newestTagged: [doc('good'), doc('tagged-1'), doc('tagged-2')],
        newestInCategory: [doc('tagged-1'), doc('category-1'), doc('category-2')],
      }),
      relatedTuning,
    );
    expect(ranked.map((r) => [r.doc.id, r.fallback])).toEqual([
      ['good', false],
      ['tagged-1', true],
      ['tagged-2', true],
      ['category-1', true],
    ]);
  });

  it('does not count matching the few generic words of an off-topic article as a good match', () => {
    const ranked = rankRelated(
      input({
        source: { id: 'source', tags: [], category: 'Other' },
        // the best candidate by far, but covering under a fifth of the source's own words
        similar: [{ doc: doc('generic'), score: 10 }],
        selfScore: 12,
        selfScoreAllWords: 60,
      }),
      relatedTuning,
    );
    expect(ranked).toEqual([]);
  });

  it('counts some shared text as good when a tag or the category is shared too', () => {
    const some = {
      similar: [{ doc: doc('some-text'), score: 15 }],
      selfScore: 50,
      selfScoreAllWords: 100,
    };
    const labeled = rankRelated(input(some), relatedTuning);
    expect(labeled.map((r) => [r.doc.id, r.fallback])).toEqual([['some-text', false]]);
    const unlabeled = rankRelated(
      input({ ...some, source: { id: 'source', tags: ['genetics'], category: 'Other' } }),
      relatedTuning,
    );
    expect(unlabeled).toEqual([]);
  });

  it('does not count a new same-category article without shared text or tags as a good match', () => {
    const ranked = rankRelated(
      input({
        source: { id: 'source', tags: [], category: 'Causes & What We Know' },
        similar: [{ doc: doc('weak', { publishedAt: '2026-06-30' }), score: 1 }],
        selfScore: 100,
      }),
      relatedTuning,
    );
    expect(ranked).toEqual([]);
  });
});

describe('diversify (MMR)', () => {
  it('does not return four items from one journal and one evidence type when alternatives exist', () => {
    const sameJournal = ['nejm-1', 'nejm-2', 'nejm-3', 'nejm-4'].map((id, i) => ({
      doc: doc(id, {
        sourceKey: 'nejm',
        evidence: { source: 'NEJM', type: 'Randomized controlled trial' },
      }),
      score: 0.6 - i * 0.01,
      content: 0.5,
      coverage: 0.4,
      similarContent: true,
      fallback: false,
      good: true,
    }));
    const others = [
      { key: 'lancet', type: 'Meta-analysis' },
      { key: 'jama', type: 'Observational cohort' },
    ].map(({ key, type }) => ({
      doc: doc(key, { sourceKey: key, evidence: { source: key, type } }),
      score: 0.5,
      content: 0.4,
      coverage: 0.3,
      similarContent: true,
      fallback: false,
      good: true,
    }));
    const picked = diversify([...sameJournal, ...others], 4, relatedTuning.mmr);
    expect(picked[0]?.doc.id).toBe('nejm-1');
    expect(new Set(picked.map((p) => p.doc.sourceKey)).size).toBeGreaterThan(1);
    expect(new Set(picked.map((p) => p.doc.evidence.type)).size).toBeGreaterThan(1);
  });

  it('keeps the order by score when every item is alike', () => {
    const items = [0.9, 0.8, 0.7].map((score, i) => ({
      doc: doc(`d${i}`),
      score,
      content: score,
      coverage: score,
      similarContent: true,
      fallback: false,
      good: true,
    }));
    expect(diversify(items, 3, relatedTuning.mmr).map((p) => p.doc.id)).toEqual(['d0', 'd1', 'd2']);
  });

  it('gives every shorter list as a prefix of the longer one', () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({
      doc: doc(id, { sourceKey: i % 2 ? 'x' : 'y', tags: i < 3 ? ['t'] : ['u'] }),
      score: 1 - i * 0.05,
      content: 0.5,
      coverage: 0.4,
      similarContent: true,
      fallback: false,
      good: true,
    }));
    const long = diversify(items, 5, relatedTuning.mmr).map((p) => p.doc.id);
    for (let k = 1; k < 5; k++) {
      expect(diversify(items, k, relatedTuning.mmr).map((p) => p.doc.id)).toEqual(long.slice(0, k));
    }
  });
});
