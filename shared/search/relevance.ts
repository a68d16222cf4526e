/**
 * Every knob of search ranking, in one place. The query builder (search-query.ts) turns these
 * into OpenSearch DSL; `npm run eval` measures what a change does (tune on SciFact *train* only).
 *
 * How a hit's score is made, for a non-empty `q`:
 *   text   = BM25 of `q` over the whole article (`content`)                       × content
 *          + BM25 of `q` over title / takeaways / summary / body, best field     × fields.*
 *            (plus tieBreaker × the other fields)
 *          + word pairs of `q` found side by side in the article                  × proximity.pairs
 *          + `q` as a phrase (words within `phraseSlop`) in the title             × proximity.titlePhrase
 *          + words of `q` found exactly as typed (not only stemmed / synonyms)    × exactWords
 *          + words found only through a typo correction                          × typo.boost
 *   score  = text × (1 + recency.weight × exp-decay(age of publishedAt)
 *                     + evidence.weight × evidenceRank / 6)
 * An empty `q` (browse) scores 1 + evidenceRank times the same factor: labeled articles first,
 * strongest evidence first, newer first within a rank.
 *
 * The rule for the priors: recency and evidence multiply the text score by at most
 * 1 + recency.weight + evidence.weight, so they only ever reorder near-ties. An article whose text
 * matches the query more than that much better (now 15%) is never overtaken by a weaker match
 * that is newer or better evidenced. (They used to be added to the score: on the site's visitor
 * queries, whose scores are small, they lifted weaker matches above clearly better ones; see
 * scripts/eval/README.md.)
 */
export const relevance: Relevance = {
  /** Weight of the whole-article BM25 score, the backbone of the ranking. */
  content: 1,
  /**
   * Extra weight of the best-matching single field: title > takeaways > summary > body. Small
   * factors, but a short field's BM25 is high, so a title match counts for a lot.
   */
  fields: { title: 0.3, keyTakeaways: 0.2, summary: 0.1, body: 0.05, category: 0.2, tags: 0.2 },
  /** Share of the other fields' scores added to the best one's (best_fields tie_breaker). */
  tieBreaker: 0,
  /** Adjacent word pairs anywhere, and the whole query as a (sloppy) phrase in the title. */
  proximity: { pairs: 0.1, titlePhrase: 1, phraseSlop: 2 },
  /** Rewards the reader's own word forms over stems and synonyms, so exact matches rank first. */
  exactWords: 0.1,
  /**
   * Typo tolerance. Only purely alphabetic words of at least `minLength` letters are corrected
   * (one edit; two from `twoEditsFrom`), never identifiers with digits or hyphens such as GAD65,
   * HLA-DR3 or IL2RA. The first `prefixLength` letters must be right. A corrected word scores at
   * `boost` of an exact one, so typo matches never outrank exact ones.
   *
   * What a typo costs the engine is building and walking edit automata, once per word and field
   * (most of a search's engine CPU), so corrections go only where they pay:
   * - Two edits from `twoEditsFrom` letters in the fallbacks (relaxed, approximate), but only from
   *   `firstPassTwoEditsFrom` on the first pass: a word two edits off usually leaves too few
   *   matches, and a fallback then corrects it. SciFact train 0.7122 (first pass from 8: 0.7114,
   *   14: 0.7116, one edit only: 0.7119), visitor set 0.9359 vs 0.9339.
   * - In a query of more than `keywordQueryMaxWords` words (a question or pasted sentence) a
   *   corrected word is scored over the whole article only: not field by field (−14% p50, −27%
   *   p99 of such a query's engine time; SciFact train 0.7114 vs 0.7113), and it neither decides
   *   which articles match (any word of such a query does) nor is highlighted.
   * Together with counting word matches apart only when filters apply (search-query.ts): engine
   * CPU per bench search 43 → 27 ms, long queries' p50 −29% (scripts/bench, 10k articles).
   */
  typo: {
    minLength: 5,
    twoEditsFrom: 8,
    prefixLength: 1,
    maxExpansions: 30,
    boost: 0.2,
    keywordQueryMaxWords: 5,
    firstPassTwoEditsFrom: 11,
  },
  /**
   * How many of the query's words an article must contain (Lucene minimum_should_match over the
   * distinct non-stop words): all of up to 3 words, all but one of 4–5 words; from 6 words on the
   * query is a question or a pasted sentence, and any word will do — the score ranks articles by
   * how many and how rare the words they share are (on SciFact, demanding even two words of a
   * claim loses relevant abstracts).
   */
  minimumShouldMatch: '3<-1 5<1',
  /**
   * When fewer articles than this (one default page) match enough of the words, whatever the
   * filters, the search is run again accepting any single word, and the response says
   * `relaxed: true` (Typesense's drop_tokens_threshold). Articles sharing more of the words still
   * score higher. 1 would relax only when nothing matches; 10 reads better on SciFact train
   * (0.706 vs 0.702 nDCG@10) and fills a first page instead of showing three results.
   */
  relaxBelow: 10,
  /**
   * The last fallback, when no article contains any word of `q` (as written, stemmed, through a
   * synonym or a typo): every word of at least `minLength` characters may be a typo away,
   * identifiers included ("gad56" finds GAD65), any one word is enough, and the
   * response says `approximate: true`. Never used while anything matches, so identifiers stay
   * exact whenever the reader's spelling exists.
   */
  approximate: { minLength: 3 },
  /**
   * Gentle recency: a brand-new article gets up to `weight` more (×1.10), an article `scale`
   * older than `offset` half of that; old articles keep ×1 and are never buried.
   */
  recency: { weight: 0.1, offset: '30d', scale: '730d', decay: 0.5 },
  /**
   * Evidence-label factor following shared/articles/evidence-hierarchy.ts: a meta-analysis (rank
   * 6) gets `weight` more, indexed literature (3) half of that, an unlabeled article nothing.
   */
  evidence: { weight: 0.05 },
  /**
   * Two-phase ranking of questions and pasted sentences (queries of more than
   * `typo.keywordQueryMaxWords` words, any of whose words makes a match, so nearly every article
   * matches): the whole article's BM25 times the priors picks the top `window`, and only those are
   * scored by every clause above (OpenSearch `rescore`). Such a query has a score clause per word
   * per field; scoring them for every article was most of its engine time. Pages past the window
   * are ranked by every clause over all articles. 0 turns it off. Window 200: long queries' p50
   * −21 % (bench bodies, 10k articles); SciFact train 0.7118 vs 0.7122 in one phase, Recall@100
   * equal (100: 0.7118, Recall@100 0.9270 vs 0.9320; 400: 0.7122 at +10 % engine CPU).
   */
  rescore: { window: 200 },
  /**
   * The semantic step (when the search function has its model): the lexical top `window` hits are
   * re-ordered by `(1 − weight) × lexical + weight × similarity to the query`, both min-max
   * scaled over the hits blended (shared/semantic/blend.ts). How much it may change depends on
   * the query's shape (`blendFor` in semantic-rerank.ts), by its content words (stop and
   * question words aside):
   *
   * | query                                   | hits blended                              | weight            |
   * | --------------------------------------- | ----------------------------------------- | ----------------- |
   * | more than `keywords.maxWords` words     | the whole window                          | `weight`          |
   * | keywords, a word no article contains    | none (the model would read another word)  | —                 |
   * | keywords                                | those scoring ≥ `keywords.nearBest` × top | `keywords.weight` |
   *
   * A described need (a claim, a question in full) shares few words with the articles that
   * answer it, so the model may lift any of the top 50; in a keyword query the words are the
   * intent, so the model only decides among near-equal text matches and never lifts a weak
   * match over a strong one. Tuned on SciFact train and the visitor-query set only
   * (scripts/eval/README.md): descriptions, weight 0.6 over 50 (train 0.7358; 0.5: 0.7352, 0.7:
   * 0.7327); keywords, 0.7 within 90% of the top (visitor set 0.9416 vs 0.9339 lexical; the full
   * blend scored 0.9091). `weight` 0 turns the step off.
   */
  semantic: { weight: 0.6, window: 50, keywords: { maxWords: 4, weight: 0.7, nearBest: 0.9 } },
};

export interface Relevance {
  content: number;
  fields: {
    title: number;
    keyTakeaways: number;
    summary: number;
    body: number;
    category: number;
    tags: number;
  };
  tieBreaker: number;
  proximity: { pairs: number; titlePhrase: number; phraseSlop: number };
  exactWords: number;
  typo: {
    minLength: number;
    twoEditsFrom: number;
    prefixLength: number;
    maxExpansions: number;
    boost: number;
    keywordQueryMaxWords: number;
    firstPassTwoEditsFrom: number;
  };
  minimumShouldMatch: string;
  relaxBelow: number;
  approximate: { minLength: number };
  recency: { weight: number; offset: string; scale: string; decay: number };
  evidence: { weight: number };
  rescore: { window: number };
  semantic: {
    weight: number;
    window: number;
    keywords: { maxWords: number; weight: number; nearBest: number };
  };
}
