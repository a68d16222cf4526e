import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { explainRelated, type Labels } from '../../shared/recommend/reasons.js';

const labels = (over: Partial<Labels>): Labels => ({
  tags: [],
  category: 'Causes & What We Know',
  publishedAt: '2025-01-01',
  evidence: { source: 'Diabetes Care', type: 'Randomized controlled trial' },
  ...over,
});

const weights: Record<string, number> = { genetics: 3, autoimmunity: 2, risk: 0.5 };
const context = { tagWeight: (tag: string) => weights[tag] ?? 0, similarContent: false };

describe('explainRelated', () => {
  it('names shared tags rarest first, the shared evidence type, newer research and category', () => {
    const reasons = explainRelated(
      labels({ tags: ['risk', 'autoimmunity', 'genetics', 'causes'] }),
      labels({ tags: ['genetics', 'risk', 'autoimmunity'], publishedAt: '2026-02-01' }),
      { ...context, similarContent: true },
    );
    expect(reasons).toEqual([
      'closely related content',
      'shares tags: genetics, autoimmunity, risk',
      'same evidence type: randomized controlled trial',
      'newer research on genetics',
      'same category: Causes & What We Know',
    ]);
  });

  it('keeps the capitals of a label such as PubMed but starts a plain one in lower case', () => {
    const pubmed = { source: 'Diabetes care', type: 'PubMed indexed literature' };
    expect(
      explainRelated(labels({ evidence: pubmed }), labels({ evidence: pubmed }), context),
    ).toContain('same evidence type: PubMed indexed literature');
  });

  it('claims nothing that is not so', () => {
    const reasons = explainRelated(
      labels({ tags: ['risk'], evidence: null }),
      labels({ tags: ['cgm'], category: 'Technology & Devices', publishedAt: '2020-01-01' }),
      context,
    );
    expect(reasons).toEqual([]);
  });

  it('every claimed shared tag is carried by both articles, whatever the labels', () => {
    const tag = fc.constantFrom<string>('genetics', 'autoimmunity', 'risk', 'cgm', 'diet', 'sleep');
    const side = fc.record({
      tags: fc.uniqueArray(tag, { maxLength: 6 }),
      category: fc.constantFrom('A', 'B'),
      publishedAt: fc.constantFrom('2024-01-01', '2025-06-01'),
      evidence: fc.option(
        fc.record({ source: fc.constant('J'), type: fc.constantFrom('RCT', 'Cohort') }),
      ),
    });
    fc.assert(
      fc.property(side, side, (source, item) => {
        for (const reason of explainRelated(source, item, context)) {
          const claimed = /^shares tags: (.*)$/.exec(reason)?.[1]?.split(', ') ?? [];
          for (const t of claimed) {
            expect(source.tags).toContain(t);
            expect(item.tags).toContain(t);
          }
          const newer = /^newer research on (.*)$/.exec(reason)?.[1];
          if (newer) {
            expect(item.publishedAt > source.publishedAt).toBe(true);
            expect(source.tags.includes(newer) && item.tags.includes(newer)).toBe(true);
          }
          if (reason.startsWith('same evidence type: ')) {
            expect(source.evidence?.type.toLowerCase()).toBe(item.evidence?.type.toLowerCase());
          }
          if (reason.startsWith('same category: ')) expect(item.category).toBe(source.category);
        }
      }),
    );
  });
});
