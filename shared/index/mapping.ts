import { createHash } from 'node:crypto';
import { medicalSynonyms } from './synonyms.js';

/**
 * Index settings and mapping, versioned in code. Every generation is created from an index
 * template holding exactly this, and its hash is stored in the template and index `_meta`, so a
 * change here is detected and answered with a reindex instead of a broken live index.
 */

/**
 * Lucene's English stop words, spelled out so the query builder can leave them out of its
 * word-by-word matching exactly as the analyzers drop them.
 */
export const englishStopWords: readonly string[] = (
  'a an and are as at be but by for if in into is it no not of on or such that the their then ' +
  'there these they this to was will with'
).split(' ');

/**
 * BM25 for every text field. `b` below Lucene's 0.75 punishes a long, thorough article less for
 * its length; chosen on the SciFact train queries, where k1 0.9–1.5 and b 0.4–0.75 all lie within
 * 0.003 nDCG@10 of each other (see scripts/eval/README.md).
 */
const similarity = { text_bm25: { type: 'BM25', k1: 1.2, b: 0.5 } };

/**
 * Greek letters spelled out, as a separate word: "TNF-α", "IFNγ" and "β cells" match "TNF
 * alpha", "IFN-gamma" and "beta cells" (papers and readers write both).
 */
const greekLetters: ReadonlyArray<[lower: string, upper: string, name: string]> = [
  ['α', 'Α', 'alpha'],
  ['β', 'Β', 'beta'],
  ['γ', 'Γ', 'gamma'],
  ['δ', 'Δ', 'delta'],
  ['ε', 'Ε', 'epsilon'],
  ['ζ', 'Ζ', 'zeta'],
  ['η', 'Η', 'eta'],
  ['θ', 'Θ', 'theta'],
  ['ι', 'Ι', 'iota'],
  ['κ', 'Κ', 'kappa'],
  ['λ', 'Λ', 'lambda'],
  ['μ', 'Μ', 'mu'],
  ['ν', 'Ν', 'nu'],
  ['ξ', 'Ξ', 'xi'],
  ['π', 'Π', 'pi'],
  ['ρ', 'Ρ', 'rho'],
  ['σ', 'Σ', 'sigma'],
  ['τ', 'Τ', 'tau'],
  ['φ', 'Φ', 'phi'],
  ['χ', 'Χ', 'chi'],
  ['ψ', 'Ψ', 'psi'],
  ['ω', 'Ω', 'omega'],
];

/** Every text analyzer spells out Greek letters and splits words the standard way. */
const textAnalyzer = (filter: string[]) => ({
  type: 'custom',
  char_filter: ['greek_letters'],
  tokenizer: 'standard',
  filter,
});

/** The token filters the english analyzers share, in order: normalize, then stem. */
const normalizing = ['english_possessive', 'lowercase', 'asciifolding'];
const stemming = ['english_stop', 'english_stemmer'];

const analysis = {
  char_filter: {
    greek_letters: {
      type: 'mapping',
      mappings: greekLetters.flatMap(([lower, upper, name]) => [
        `${lower} => \\u0020${name}`,
        `${upper} => \\u0020${name}`,
      ]),
    },
  },
  filter: {
    english_possessive: { type: 'stemmer', language: 'possessive_english' },
    english_stop: { type: 'stop', stopwords: englishStopWords },
    english_stemmer: { type: 'stemmer', language: 'english' },
    /** Word pairs for the proximity signal; stop words leave an empty filler between the two. */
    word_pairs: {
      type: 'shingle',
      min_shingle_size: 2,
      max_shingle_size: 2,
      output_unigrams: false,
      filler_token: '',
    },
    medical_synonyms: {
      type: 'synonym_graph',
      synonyms: medicalSynonyms,
      // Multi-word rules ("type 1 diabetes") contain stop-word-free tokens; expand=true is the default.
      lenient: false,
    },
  },
  analyzer: {
    /** Documents: english stemming, possessives, accents folded (β stays β; synonyms map it). */
    english_text: textAnalyzer([...normalizing, ...stemming]),
    /** Queries: the same chain plus the medical synonym graph before stemming. */
    english_search: textAnalyzer([...normalizing, 'medical_synonyms', ...stemming]),
    /** Adjacent stemmed word pairs: a query's word pairs found side by side score as proximity. */
    english_pairs: textAnalyzer([...normalizing, ...stemming, 'word_pairs']),
    /** Exact words (no stemming) for the "exact beats fuzzy/stemmed" signal and identifiers. */
    exact_text: textAnalyzer(['lowercase', 'asciifolding']),
  },
  normalizer: {
    folded: { type: 'custom', filter: ['lowercase', 'asciifolding'] },
  },
};

const englishText = {
  type: 'text',
  analyzer: 'english_text',
  search_analyzer: 'english_search',
  similarity: 'text_bm25',
  fields: { exact: { type: 'text', analyzer: 'exact_text', similarity: 'text_bm25' } },
} as const;

/** Every reader-visible text of an article is also copied into `content` (see below). */
const searchableText = { ...englishText, copy_to: 'content' } as const;

const mappings = {
  dynamic: 'strict',
  properties: {
    id: { type: 'keyword' },
    deleted: { type: 'boolean' },
    version: { type: 'long' },
    updatedAt: { type: 'date' },
    title: {
      ...searchableText,
      fields: {
        ...searchableText.fields,
        suggest: { type: 'search_as_you_type', analyzer: 'exact_text', max_shingle_size: 3 },
      },
    },
    summary: searchableText,
    keyTakeaways: searchableText,
    /** Section headings and bodies as one searchable text; `sections` keeps their structure. */
    body: { ...searchableText, term_vector: 'with_positions_offsets' },
    /**
     * Title, summary, takeaways and body as one field: which articles match, and the base BM25
     * score over the whole article (one field scores better than the best of several, as on
     * BEIR). `exact` serves typo tolerance and "did you mean"; `pairs` the proximity boost.
     */
    content: {
      ...englishText,
      fields: {
        ...englishText.fields,
        pairs: { type: 'text', analyzer: 'english_pairs', similarity: 'text_bm25' },
      },
    },
    sections: { type: 'object', enabled: false },
    heroImage: { type: 'object', enabled: false },
    category: { type: 'keyword', fields: { text: { type: 'text', analyzer: 'english_text' } } },
    tags: { type: 'keyword', fields: { text: { type: 'text', analyzer: 'english_text' } } },
    publishedAt: { type: 'date', format: 'strict_date' },
    year: { type: 'integer' },
    readTimeMinutes: { type: 'integer' },
    evidenced: { type: 'boolean' },
    evidence: {
      properties: {
        source: { type: 'keyword', index: false },
        type: { type: 'keyword' },
      },
    },
    /** Journal normalised for the `source` facet; `sourceDisplay` is its proper-case form. */
    sourceKey: { type: 'keyword' },
    sourceDisplay: { type: 'keyword' },
    /** Strength of evidence (see evidence-hierarchy.ts), a rank_feature so it boosts cheaply. */
    evidenceRank: { type: 'rank_feature' },
  },
} as const;

/** Settings shared by every generation; replicas/refresh are relaxed during a bulk build. */
const settings = {
  number_of_shards: 1,
  auto_expand_replicas: '0-1',
  refresh_interval: '1s',
  max_result_window: 10_000,
  similarity,
  analysis,
};

const definition = { settings, mappings };

export const mappingHash = createHash('sha256')
  .update(JSON.stringify(definition))
  .digest('hex')
  .slice(0, 8);

/** Body of `PUT _index_template/<name>` for the generations of one alias family. */
export function indexTemplate(generationPattern: string) {
  return {
    index_patterns: [generationPattern],
    priority: 100,
    template: {
      settings: { index: settings },
      mappings: { ...mappings, _meta: { mappingHash } },
    },
    _meta: { mappingHash },
  };
}
