import { createHash } from 'node:crypto';
import { synonymConceptRules } from './synonyms.js';

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
 * Words that carry the form of a visitor's question, not its subject ("what causes…", "can type 1
 * diabetes be prevented"). Dropped from queries only, like the stop words, so they never decide
 * which articles match or outweigh the informative word; articles keep them (they change nothing
 * there).
 */
// not "i" (class I, type I), "who" (WHO) or "am" (AM): question words, but also names
export const questionWords: readonly string[] = (
  'what which when where why how can could do does did should would shall may might must were ' +
  'been being have has had my we our you your'
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
    question_words: { type: 'stop', stopwords: questionWords },
    /**
     * An identifier's letter and digit runs as extra words at its position (gad65 → gad65, gad,
     * 65; covid19 → covid19, covid, 19), so "gad 65" and "covid 19" find it. Articles only: a
     * query's GAD65 stays whole and never matches GAD67 (whose parts are gad and 67).
     */
    identifier_parts: {
      type: 'pattern_capture',
      preserve_original: true,
      patterns: [
        '(\\p{L}+)(?=\\p{N})',
        '(?<=\\p{L})(\\p{N}+)',
        '(?<=\\p{N})(\\p{L}+)',
        '(\\p{N}+)(?=\\p{L})',
      ],
    },
    english_stemmer: { type: 'stemmer', language: 'english' },
    /** Word pairs for the proximity signal; stop words leave an empty filler between the two. */
    word_pairs: {
      type: 'shingle',
      min_shingle_size: 2,
      max_shingle_size: 2,
      output_unigrams: false,
      filler_token: '',
    },
    /** Adjacent words written together ("hla dr4" → hladr4), for identifiers typed without a space. */
    joined_pairs: {
      type: 'shingle',
      min_shingle_size: 2,
      max_shingle_size: 2,
      output_unigrams: false,
      token_separator: '',
    },
    /** Each spelling of a concept keeps its words and gains the concept's term (synonyms.ts). */
    medical_synonyms: {
      type: 'synonym_graph',
      synonyms: synonymConceptRules,
      lenient: false,
    },
  },
  analyzer: {
    /**
     * Documents: english stemming, possessives, accents folded (β stays β; synonyms map it), each
     * medical synonym's concept term beside its words (flattened: an index holds no graph), and
     * identifier parts.
     */
    english_text: textAnalyzer([
      ...normalizing,
      'medical_synonyms',
      'flatten_graph',
      'identifier_parts',
      ...stemming,
    ]),
    /**
     * Queries: the same, without identifier parts (GAD65 stays whole) and without question words;
     * the synonym graph lets a query's spelling match through its concept term.
     */
    english_search: textAnalyzer([
      ...normalizing,
      'medical_synonyms',
      'question_words',
      ...stemming,
    ]),
    /** Adjacent stemmed word pairs: a query's word pairs found side by side score as proximity. */
    english_pairs: textAnalyzer([...normalizing, ...stemming, 'word_pairs']),
    /** Every two adjacent words as one, unstemmed: HLA-DR4 is also hladr4, COVID 19 covid19. */
    joined_words: textAnalyzer(['lowercase', 'asciifolding', 'joined_pairs']),
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

/** Category and tag names as words, scored as fields of their own (see relevance.fields). */
const facetText = {
  type: 'text',
  analyzer: 'english_text',
  search_analyzer: 'english_search',
  similarity: 'text_bm25',
} as const;

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
     * Title, summary, takeaways, body, category and tags as one field: which articles match, and the base BM25
     * score over the whole article (one field scores better than the best of several, as on
     * BEIR). `exact` serves typo tolerance and "did you mean"; `pairs` the proximity boost;
     * `joined` identifiers typed without their space or hyphen.
     */
    content: {
      ...englishText,
      fields: {
        ...englishText.fields,
        pairs: { type: 'text', analyzer: 'english_pairs', similarity: 'text_bm25' },
        joined: {
          type: 'text',
          analyzer: 'joined_words',
          search_analyzer: 'exact_text',
          similarity: 'text_bm25',
        },
      },
    },
    sections: { type: 'object', enabled: false },
    heroImage: { type: 'object', enabled: false },
    /** The article's sentence vector (int8, base64): kept in _source for the semantic step, not indexed. */
    embedding: { type: 'object', enabled: false },
    /** Category and tags are words of the article too ("causes", "genetics"): see `content`. */
    category: { type: 'keyword', fields: { text: facetText }, copy_to: 'content' },
    tags: { type: 'keyword', fields: { text: facetText }, copy_to: 'content' },
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
    /** Strength of evidence (see evidence-hierarchy.ts), 1–6, a factor of the score. */
    evidenceRank: { type: 'byte' },
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
