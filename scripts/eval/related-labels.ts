import type { Article } from '../../shared/articles/schema.js';
import { type CollectionDocument, type DatasetName, type Qrels, toArticle } from './collections.js';

/**
 * What the related-articles evaluation derives from a collection: tags an editor might have given
 * (the collections have none), the related pairs the judgments imply, and TF-IDF vectors for the
 * diversity figure.
 */

const tagsPerDocument = 5;

/** A common English stop list; tags and TF-IDF vectors ignore these words. */
const stopwords = new Set(
  `a about above after again against all also am an and any are as at be because been before
  being below between both but by can could did do does doing down during each either et few for
  from further had has have having he her here hers herself him himself his how however i if in
  into is it its itself just may me might more most must my myself no nor not now of off on once
  only or other our ours ourselves out over own per same she should so some such than that the
  their theirs them themselves then there these they this those through thus to too under until up
  upon very via was we were what when where which while who whom why will with within without
  would you your yours yourself yourselves`.split(/\s+/),
);

function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z0-9]+/g) ?? []).filter(
    (word) => word.length >= 3 && !stopwords.has(word),
  );
}

function termCounts(doc: CollectionDocument): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of words(`${doc.title} ${doc.text}`))
    counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

export interface CorpusTerms {
  counts: Map<string, Map<string, number>>;
  documentFrequency: Map<string, number>;
  size: number;
}

export function corpusTerms(documents: readonly CollectionDocument[]): CorpusTerms {
  const counts = new Map(documents.map((doc) => [doc.id, termCounts(doc)]));
  const documentFrequency = new Map<string, number>();
  for (const terms of counts.values()) {
    for (const term of terms.keys())
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  return { counts, documentFrequency, size: documents.length };
}

/**
 * Tags an editor might have given: the document's most significant words by TF-IDF, among words
 * at least one other document shares (a tag nobody shares cannot relate anything) and at most 5%
 * of documents carry (a tag on everything is no topic). Ties break alphabetically.
 */
function deriveTags(id: string, terms: CorpusTerms): string[] {
  const maxFrequency = Math.max(2, Math.floor(terms.size * 0.05));
  return [...(terms.counts.get(id) ?? new Map<string, number>())]
    .flatMap(([term, tf]) => {
      const df = terms.documentFrequency.get(term) ?? 0;
      return df >= 2 && df <= maxFrequency
        ? [{ term, weight: tf * Math.log(terms.size / df) }]
        : [];
    })
    .sort((a, b) => b.weight - a.weight || a.term.localeCompare(b.term))
    .slice(0, tagsPerDocument)
    .map(({ term }) => term);
}

export function labeledArticle(
  doc: CollectionDocument,
  dataset: DatasetName,
  terms: CorpusTerms,
): Article {
  return {
    ...toArticle(doc, dataset),
    tags: deriveTags(doc.id, terms),
    // no journal or study design is known: one label for all, so that part of MMR is neutral
    evidence: { source: `${dataset} collection`, type: 'Indexed literature' },
  };
}

/**
 * Document → the other documents judged relevant to one of the same queries: two documents
 * relevant to one query count as related. Only documents with a related one (the sources).
 */
export function relatedPairs(qrels: Qrels): Map<string, Map<string, number>> {
  const related = new Map<string, Map<string, number>>();
  for (const judged of qrels.values()) {
    const relevant = [...judged].filter(([, grade]) => grade > 0).map(([id]) => id);
    for (const id of relevant) {
      const others = related.get(id) ?? new Map<string, number>();
      for (const other of relevant) if (other !== id) others.set(other, 1);
      related.set(id, others);
    }
  }
  return new Map([...related].filter(([, others]) => others.size > 0));
}

/** L2-normalised TF-IDF vectors, for the diversity figure only. */
export function tfidfVectors(terms: CorpusTerms): Map<string, Map<string, number>> {
  const vectors = new Map<string, Map<string, number>>();
  for (const [id, counts] of terms.counts) {
    const vector = new Map<string, number>();
    for (const [term, tf] of counts) {
      vector.set(term, tf * Math.log(terms.size / (terms.documentFrequency.get(term) ?? 1)));
    }
    const norm = Math.sqrt([...vector.values()].reduce((s, v) => s + v * v, 0)) || 1;
    for (const [term, value] of vector) vector.set(term, value / norm);
    vectors.set(id, vector);
  }
  return vectors;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, value] of small) dot += value * (large.get(term) ?? 0);
  return dot;
}

/** Mean pairwise dissimilarity of a list; undefined for lists of fewer than two. */
export function intraListDiversity(
  ids: readonly string[],
  vectors: Map<string, Map<string, number>>,
) {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const a = vectors.get(ids[i] as string);
      const b = vectors.get(ids[j] as string);
      if (!a || !b) continue;
      sum += 1 - cosine(a, b);
      pairs++;
    }
  }
  return pairs === 0 ? undefined : sum / pairs;
}
