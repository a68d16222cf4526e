import { visibleFilters } from '../search-index/visibility.js';
import { queryWords } from './query-words.js';
import { type Relevance, relevance } from './relevance.js';
import type { Clause } from './search-filters.js';
import type { SuggestParams } from './search-params.js';

/** Items in one autocomplete answer. */
export const maxSuggestions = 8;
/** Tags and categories shown at most, each, so titles keep most of the list. */
const maxTermSuggestions = 2;
/** Categories are few; all are fetched and matched here, case-insensitively. */
const categoryBuckets = 100;

export type Suggestion =
  | { type: 'article'; text: string; id: string }
  | { type: 'tag' | 'category'; text: string; count: number };

export interface SuggestResponse {
  q: string;
  items: Suggestion[];
}

/** `q` as a tag slug prefix: "Beta cel" → "beta-cel". */
const slugOf = (q: string) =>
  q
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-|-$/g, '');

/**
 * Autocomplete for one keystroke: titles by prefix (search_as_you_type), exact prefixes first,
 * then titles reached through a typo of a word of five letters or more; plus the tags and
 * categories whose words start with what was typed, counted over published articles.
 */
export function buildSuggestQuery(
  params: SuggestParams,
  options: { now: Date; tuning?: Relevance },
) {
  const tuning = options.tuning ?? relevance;
  const words = queryWords(params.q, tuning.typo);
  const slug = slugOf(params.q);
  const typo = words.some((w) => w.fuzziness > 0)
    ? [
        {
          bool: {
            // every word, each exactly or with a typo; the last may still be a prefix
            must: words.map((word, i) => {
              const whole = {
                match: {
                  'title.suggest': {
                    query: word.text,
                    operator: 'and',
                    ...(word.fuzziness > 0 && {
                      fuzziness: word.fuzziness,
                      prefix_length: tuning.typo.prefixLength,
                    }),
                  },
                },
              };
              return i < words.length - 1
                ? whole
                : {
                    bool: {
                      should: [whole, { match_bool_prefix: { 'title.suggest': word.text } }],
                      minimum_should_match: 1,
                    },
                  };
            }),
            boost: tuning.typo.boost,
          },
        },
      ]
    : [];
  return {
    size: maxSuggestions,
    _source: ['id', 'title'],
    query: {
      bool: {
        filter: visibleFilters(options.now),
        should: [
          {
            multi_match: {
              query: params.q,
              type: 'bool_prefix',
              // every typed word, the last one as a prefix
              operator: 'and',
              fields: ['title.suggest', 'title.suggest._2gram', 'title.suggest._3gram'],
            },
          },
          ...typo,
        ],
        minimum_should_match: 1,
      },
    },
    sort: [{ _score: 'desc' }, { publishedAt: 'desc' }, { id: 'asc' }],
    aggs: {
      // over every published article, not only the titles that matched
      published: {
        global: {},
        aggs: {
          visible: {
            filter: { bool: { filter: visibleFilters(options.now) } },
            aggs: {
              ...(slug && {
                tags: {
                  terms: {
                    field: 'tags',
                    // slugs hold only [a-z0-9-], so the prefix needs no regex escaping
                    include: `(.*-)?${slug}.*`,
                    size: maxTermSuggestions,
                  },
                },
              }),
              categories: { terms: { field: 'category', size: categoryBuckets } },
            },
          },
        },
      },
    },
  } satisfies Clause;
}

interface SuggestResult {
  hits: { hits: Array<{ _source: { id: string; title: string } }> };
  aggregations?: {
    published?: {
      visible?: Partial<
        Record<'tags' | 'categories', { buckets: Array<{ key: string; doc_count: number }> }>
      >;
    };
  };
}

export function toSuggestResponse(result: SuggestResult, params: SuggestParams): SuggestResponse {
  const visible = result.aggregations?.published?.visible;
  const typed = params.q
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  const terms: Suggestion[] = [
    ...(visible?.tags?.buckets ?? []).map((b) => ({
      type: 'tag' as const,
      text: b.key,
      count: b.doc_count,
    })),
    ...(visible?.categories?.buckets ?? [])
      .filter((b) => startsEveryWord(b.key, typed))
      .slice(0, maxTermSuggestions)
      .map((b) => ({ type: 'category' as const, text: b.key, count: b.doc_count })),
  ];
  const articles: Suggestion[] = result.hits.hits.map(({ _source }) => ({
    type: 'article',
    text: _source.title,
    id: _source.id,
  }));
  return {
    q: params.q,
    items: [...articles.slice(0, maxSuggestions - terms.length), ...terms],
  };
}

/** Whether every typed word begins some word of `label` ("nutr exer" → "Nutrition & Exercise"). */
function startsEveryWord(label: string, typed: readonly string[]): boolean {
  if (typed.length === 0) return false;
  const words = label.toLowerCase().split(/[^\p{L}\p{N}]+/u);
  return typed.every((t) => words.some((w) => w.startsWith(t)));
}
