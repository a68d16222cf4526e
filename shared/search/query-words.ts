import { englishStopWords, questionWords } from '../search-index/mapping.js';
import { relevance } from './relevance.js';

/** One word of the reader's query, as the word-by-word matching sees it. */
export interface QueryWord {
  text: string;
  /** Edits a typo may be away from this word: 0 for short words and identifiers. */
  fuzziness: 0 | 1 | 2;
}

/**
 * Letters and digits, joined by inner hyphens, apostrophes or dots, so identifiers such as
 * `HLA-DR3` or `1.5` stay one word (the analyzer may still split them; each word's parts must
 * then all match).
 */
const wordPattern = /[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*/gu;
const alphabetic = /^\p{L}+$/u;
const stopWords = new Set([...englishStopWords, ...questionWords]);

/** More words than this add nothing to which articles match; the full text still scores. */
export const maxMatchedWords = 32;

/**
 * The distinct words of `q` that are neither stop words nor question words, each with the typo
 * tolerance it may get: only purely alphabetic words long enough to make a typo unambiguous,
 * never identifiers with digits or hyphens (GAD65 must not match GAD67, nor HLA-DR3 HLA-DR4) —
 * unless `anyWord`, the last fallback when nothing matches at all (see relevance.approximate).
 */
export function queryWords(q: string, typo = relevance.typo, anyWord = false): QueryWord[] {
  const seen = new Set<string>();
  const words: QueryWord[] = [];
  for (const [text] of q.matchAll(wordPattern)) {
    const key = text.toLowerCase();
    if (stopWords.has(key) || seen.has(key)) continue;
    seen.add(key);
    words.push({ text, fuzziness: typoEdits(text, typo, anyWord) });
    if (words.length === maxMatchedWords) break;
  }
  return words;
}

/** The edits a typo of `word` may make: none for short words, nor identifiers unless `anyWord`. */
export function typoEdits(
  word: string,
  typo = relevance.typo,
  anyWord = false,
): QueryWord['fuzziness'] {
  if ((!anyWord && !alphabetic.test(word)) || word.length < typo.minLength) return 0;
  return word.length >= typo.twoEditsFrom ? 2 : 1;
}
