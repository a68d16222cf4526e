import { describe, expect, it } from 'vitest';
import { candidateSearches, recommendable } from '../../shared/recommend/candidate-searches.js';
import type { RelatedSource } from '../../shared/recommend/related-source.js';
import { relatedTuning } from '../../shared/recommend/tuning.js';

const source: RelatedSource = {
  id: 'exercise-immune',
  version: 3,
  title: 'How Exercise May Help',
  summary: 'Physical activity and autoimmunity.',
  keyTakeaways: ['Exerkines may shield beta cells.'],
  body: 'Exercise triggers changes throughout the immune system.',
  tags: ['autoimmunity', 'genetics'],
  category: 'Causes & What We Know',
  publishedAt: '2026-06-19',
  evidence: null,
};

const searches = (s: RelatedSource) =>
  Object.fromEntries(
    candidateSearches(s, { today: '2026-07-01', tuning: relatedTuning }).map((q) => [
      q.role,
      q.body as { query: { bool: Record<string, unknown> } },
    ]),
  );

describe('candidateSearches', () => {
  it('finds similar texts with more_like_this over title, summary, takeaways and body', () => {
    expect(searches(source).similar?.query).toMatchInlineSnapshot(`
      {
        "bool": {
          "filter": [
            {
              "term": {
                "deleted": false,
              },
            },
            {
              "term": {
                "evidenced": true,
              },
            },
            {
              "range": {
                "publishedAt": {
                  "lte": "2026-07-01",
                },
              },
            },
          ],
          "must": [
            {
              "more_like_this": {
                "fields": [
                  "title",
                  "summary",
                  "keyTakeaways",
                  "body",
                ],
                "like": [
                  "How Exercise May Help",
                  "Physical activity and autoimmunity.",
                  "Exerkines may shield beta cells.",
                  "Exercise triggers changes throughout the immune system.",
                ],
                "max_query_terms": 30,
                "min_doc_freq": 2,
                "min_term_freq": 1,
                "minimum_should_match": "10%",
              },
            },
          ],
          "must_not": [
            {
              "ids": {
                "values": [
                  "exercise-immune",
                ],
              },
            },
          ],
        },
      }
    `);
  });

  it('counts shared tags one point each and ranks ties newest first', () => {
    const { query, sort } = searches(source).tagged as { query: unknown; sort: unknown };
    expect({ query, sort }).toMatchInlineSnapshot(`
      {
        "query": {
          "bool": {
            "filter": [
              {
                "term": {
                  "deleted": false,
                },
              },
              {
                "term": {
                  "evidenced": true,
                },
              },
              {
                "range": {
                  "publishedAt": {
                    "lte": "2026-07-01",
                  },
                },
              },
            ],
            "minimum_should_match": 1,
            "must_not": [
              {
                "ids": {
                  "values": [
                    "exercise-immune",
                  ],
                },
              },
            ],
            "should": [
              {
                "constant_score": {
                  "filter": {
                    "term": {
                      "tags": "autoimmunity",
                    },
                  },
                },
              },
              {
                "constant_score": {
                  "filter": {
                    "term": {
                      "tags": "genetics",
                    },
                  },
                },
              },
            ],
          },
        },
        "sort": [
          "_score",
          {
            "publishedAt": "desc",
          },
          {
            "id": "asc",
          },
        ],
      }
    `);
  });

  it('only ever recommends live, labeled, published articles other than the source', () => {
    const pool = recommendable(source.id, '2026-07-01');
    const all = searches(source);
    for (const role of ['similar', 'tagged', 'newestTagged', 'newestInCategory', 'rarity']) {
      const bool = all[role]?.query.bool;
      expect(bool?.filter).toEqual(expect.arrayContaining(pool.filter));
      expect(bool?.must_not).toEqual(pool.must_not);
    }
    // the source's own score is read whether or not it is labeled
    expect(all.self?.query.bool.filter).toEqual([{ ids: { values: [source.id] } }]);
  });

  it('skips the tag searches for an untagged article', () => {
    expect(Object.keys(searches({ ...source, tags: [] })).sort()).toEqual([
      'newestInCategory',
      'self',
      'selfAllWords',
      'similar',
    ]);
  });
});
