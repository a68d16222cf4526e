import { describe, expect, it } from 'vitest';
import {
  type CandidateDoc,
  diversify,
  type RankInput,
  rankRelated,
} from '../../shared/recommend/rank.js';
import { relatedTuning } from '../../shared/recommend/tuning.js';

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
            score: 20,
          },
        ],
      }),
      relatedTuning,
    );
    expect(ranked.map((r) => r.doc.id)).toEqual(['close', 'far']);
    expect(ranked[0]?.content).toBeCloseTo(0.6);
    expect(ranked.every((r) => r.score > 0 && !r.fallback)).toBe(true);
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

  it('does not count weak matches as good ones', () => {
    const ranked = rankRelated(
      input({
        source: { id: 'source', tags: [], category: 'Other' },
        similar: [{ doc: doc('weak', { publishedAt: '1990-01-01' }), score: 1 }],
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
      similarContent: true,
      fallback: false,
    }));
    const others = [
      { key: 'lancet', type: 'Meta-analysis' },
      { key: 'jama', type: 'Observational cohort' },
    ].map(({ key, type }) => ({
      doc: doc(key, { sourceKey: key, evidence: { source: key, type } }),
      score: 0.5,
      content: 0.4,
      similarContent: true,
      fallback: false,
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
      similarContent: true,
      fallback: false,
    }));
    expect(diversify(items, 3, relatedTuning.mmr).map((p) => p.doc.id)).toEqual(['d0', 'd1', 'd2']);
  });

  it('gives every shorter list as a prefix of the longer one', () => {
    const items = ['a', 'b', 'c', 'd', 'e'].map((id, i) => ({
      doc: doc(id, { sourceKey: i % 2 ? 'x' : 'y', tags: i < 3 ? ['t'] : ['u'] }),
      score: 1 - i * 0.05,
      content: 0.5,
      similarContent: true,
      fallback: false,
    }));
    const long = diversify(items, 5, relatedTuning.mmr).map((p) => p.doc.id);
    for (let k = 1; k < 5; k++) {
      expect(diversify(items, k, relatedTuning.mmr).map((p) => p.doc.id)).toEqual(long.slice(0, k));
    }
  });
});
