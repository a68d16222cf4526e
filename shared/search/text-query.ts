import { type QueryWord, queryWords } from './query-words.js';
import type { Relevance } from './relevance.js';
import type { Clause } from './search-filters.js';
import { synonymReadings } from './synonym-readings.js';

/** Synonym readings of `q` above which the title phrase clause is left out (limit: 1,024). */
const maxPhraseReadings = 256;

/** What the reader's text asks of the index: which articles match, and how they score. */
export interface TextQuery {
  /** Filter-context clause deciding which articles match (undefined: every article, browse). */
  match: Clause | undefined;
  /** Scoring clauses, all optional (`should`). */
  scoring: Clause[];
  words: QueryWord[];
  /** A keyword query (not a question or pasted sentence): its corrected words match and show. */
  keywords: boolean;
}

/**
 * Builds the text part of a search from `q`. Only match / multi_match / match_phrase queries are
 * used, never query_string: every character of `q` is analyzed as text, none is syntax.
 *
 * An article matches when either the whole text matches (so a multi-word synonym such as
 * "type 1 diabetes" finds an article saying "T1D") or enough of the words do, each exactly,
 * stemmed, through a synonym, or — for long alphabetic words of a keyword query — with a typo
 * (see relevance.typo). `relaxed` needs only one word: the fallback when too few articles match;
 * `approximate` also lets every word of `approximate.minLength` characters or more, identifiers
 * included, be a typo away: the last fallback, when nothing matches at all.
 */
export function buildTextQuery(
  q: string,
  tuning: Relevance,
  fallback: 'relaxed' | 'approximate' | undefined = undefined,
): TextQuery {
  const approximate = fallback === 'approximate';
  const words = (
    approximate
      ? queryWords(q, { ...tuning.typo, minLength: tuning.approximate.minLength }, true)
      : queryWords(q, tuning.typo)
  ).map((word) => (fallback ? word : firstPassWord(word, tuning)));
  if (words.length === 0) return { match: undefined, scoring: [], words, keywords: true };
  // a question or pasted sentence: its corrected words only score, over the whole article
  const keywords = approximate || words.length <= tuning.typo.keywordQueryMaxWords;
  const matching = (minimumShouldMatch: string) => ({
    bool: {
      should: [
        { match: { content: { query: q, minimum_should_match: minimumShouldMatch } } },
        {
          bool: {
            should: words.map((word) => wordMatch(word, keywords, tuning)),
            minimum_should_match: minimumShouldMatch,
          },
        },
      ],
      minimum_should_match: 1,
    },
  });
  const match = matching(fallback ? '1' : tuning.minimumShouldMatch);
  const { fields, proximity } = tuning;
  const fieldWeights = [
    `title^${fields.title}`,
    `keyTakeaways^${fields.keyTakeaways}`,
    `summary^${fields.summary}`,
    `body^${fields.body}`,
    `category.text^${fields.category}`,
    `tags.text^${fields.tags}`,
  ];
  const scoring: Clause[] = [
    { match: { content: { query: q, boost: tuning.content } } },
    {
      multi_match: {
        query: q,
        type: 'best_fields',
        fields: fieldWeights,
        tie_breaker: tuning.tieBreaker,
      },
    },
    { match: { 'content.pairs': { query: q, boost: proximity.pairs } } },
    // a sloppy phrase is one clause per synonym reading of q: a few synonyms repeated would
    // exceed OpenSearch's clause limit, so such a query goes without the title phrase boost
    ...(synonymReadings(q) <= maxPhraseReadings
      ? [
          {
            match_phrase: {
              title: { query: q, slop: proximity.phraseSlop, boost: proximity.titlePhrase },
            },
          },
        ]
      : []),
    { match: { 'content.exact': { query: q, boost: tuning.exactWords } } },
    // an identifier typed without its space or hyphen ("hladr4") scores like the words it joins
    ...words
      .filter((word) => identifier(word.text))
      .map((word) => ({
        match: { 'content.joined': { query: word.text, boost: tuning.content } },
      })),
    // a corrected word scores like an exact one, field weights included, at a fraction; a typo
    // that changes the stem ("encapsulaton") is found only among the words as written
    ...words
      .filter((word) => word.fuzziness > 0)
      .map((word) => ({
        dis_max: {
          queries: [
            {
              multi_match: {
                ...typoMatch(word, tuning),
                type: 'most_fields',
                fields: [`content^${tuning.content}`, ...(keywords ? fieldWeights : [])],
              },
            },
            { match: { 'content.exact': { ...typoMatch(word, tuning), boost: tuning.content } } },
          ],
          boost: tuning.typo.boost,
        },
      })),
  ];
  return { match, scoring, words, keywords };
}

/** On the first pass two edits start at a greater length (`relevance.typo.firstPassTwoEditsFrom`). */
const firstPassWord = (word: QueryWord, tuning: Relevance): QueryWord =>
  word.fuzziness === 2 && word.text.length < tuning.typo.firstPassTwoEditsFrom
    ? { ...word, fuzziness: 1 }
    : word;

/**
 * One word, as analyzed text (all of its parts, if the analyzer splits it), or a typo of it: of
 * its stem, or of the word as written (a typo can change the stem: "encapsulaton" is two edits
 * from the stem "encapsul", one from "encapsulation").
 */
function wordMatch(word: QueryWord, keywords: boolean, tuning: Relevance): Clause {
  const exact = { match: { content: { query: word.text, operator: 'and' } } };
  const alternatives: Clause[] = [
    exact,
    ...(identifier(word.text) ? [{ match: { 'content.joined': word.text } }] : []),
    ...(keywords && word.fuzziness > 0
      ? [
          { match: { content: typoMatch(word, tuning) } },
          { match: { 'content.exact': typoMatch(word, tuning) } },
        ]
      : []),
  ];
  if (alternatives.length === 1) return exact;
  return { bool: { should: alternatives, minimum_should_match: 1 } };
}

/** Letters and digits in one word (GAD65, hladr4): also looked up as two joined words. */
const identifier = (word: string) => /\p{L}/u.test(word) && /\p{N}/u.test(word);

const typoMatch = (word: QueryWord, tuning: Relevance) => ({
  query: word.text,
  fuzziness: word.fuzziness,
  prefix_length: tuning.typo.prefixLength,
  max_expansions: tuning.typo.maxExpansions,
});

/**
 * What the highlighter marks: the words as matched in each reader-visible field (stemmed and
 * through synonyms), and in a keyword query typo-corrected words.
 */
export function highlightQuery(text: TextQuery, q: string, tuning: Relevance): Clause {
  const fields = ['title', 'summary', 'keyTakeaways', 'body'];
  return {
    bool: {
      should: [
        { multi_match: { query: q, fields } },
        ...text.words
          .filter((word) => text.keywords && word.fuzziness > 0)
          .map((word) => ({ multi_match: { fields, ...typoMatch(word, tuning) } })),
      ],
    },
  };
}
