import type { ArticleInput } from '../../shared/articles/schema.js';
import { createRandom, type SeededRandom } from '../fixtures/seeded-random.js';

/** One `GET /search` request of the bench, as its raw query string. */
export interface BenchQuery {
  rawQueryString: string;
  /** The words of `q`; "short" is 1–3 words (or none), "long" is more. */
  words: number;
  kind: 'word' | 'words' | 'phrase' | 'sentence' | 'filters only';
}

export const isShort = (query: BenchQuery) => query.words <= 3;

const wordsOf = (text: string) => text.split(/\s+/).filter((w) => /\w/.test(w));

/** A few letters swapped or dropped, as readers mistype. */
function typo(random: SeededRandom, word: string): string {
  if (word.length < 6) return word;
  const at = random.int(1, word.length - 2);
  return random.chance(0.5)
    ? word.slice(0, at) + word.slice(at + 1)
    : word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2);
}

function slice(random: SeededRandom, words: string[], min: number, max: number): string {
  const length = Math.min(words.length, random.int(min, max));
  const start = random.int(0, Math.max(0, words.length - length));
  return words.slice(start, start + length).join(' ');
}

/** The text a reader would type or paste, drawn from the articles themselves. */
function text(random: SeededRandom, article: ArticleInput, kind: BenchQuery['kind']): string {
  switch (kind) {
    case 'word': {
      const word = random.pick(wordsOf(`${article.title} ${article.tags.join(' ')}`));
      return random.chance(0.15) ? typo(random, word) : word;
    }
    case 'words':
      return slice(random, wordsOf(article.title), 2, 3);
    case 'phrase':
      return slice(random, wordsOf(`${article.title} ${article.summary}`), 4, 7);
    case 'sentence': {
      const section = random.pick(article.sections);
      return slice(random, wordsOf(section.body), 8, 30);
    }
    case 'filters only':
      return '';
  }
}

/**
 * A fixed-seed set of searches: short words (some mistyped), title word pairs, phrases and pasted
 * sentences, with and without facet filters, the evidenced filter, date ranges, sort orders and
 * deep pages — so both the text query and the facet work are exercised.
 */
export function benchQueries(
  corpus: readonly ArticleInput[],
  count: number,
  seed = 11,
): BenchQuery[] {
  const random = createRandom(seed);
  const kinds: BenchQuery['kind'][] = [
    'word',
    'word',
    'word',
    'words',
    'words',
    'phrase',
    'sentence',
    'sentence',
  ];
  return Array.from({ length: count }, () => {
    const article = random.pick(corpus);
    const kind: BenchQuery['kind'] = random.chance(0.04) ? 'filters only' : random.pick(kinds);
    const q = text(random, article, kind).slice(0, 500);
    const params = new URLSearchParams();
    if (q) params.append('q', q);
    if (random.chance(0.25)) {
      for (const tag of article.tags.slice(0, random.int(1, 2))) params.append('tags', tag);
      if (random.chance(0.3)) params.append('tagsMode', 'any');
    }
    if (random.chance(0.12)) params.append('category', article.category);
    if (random.chance(0.1) && article.evidence) {
      params.append('evidenceType', article.evidence.type);
    }
    if (random.chance(0.1)) params.append('evidenced', 'true');
    if (random.chance(0.1)) params.append('publishedFrom', `${random.int(2015, 2024)}-01-01`);
    if (random.chance(0.12) || kind === 'filters only') {
      params.append('sort', random.pick(['newest', 'oldest']));
    }
    if (random.chance(0.08)) params.append('pageSize', random.pick(['20', '50']));
    if (random.chance(0.15)) params.append('page', String(random.int(2, 10)));
    return { rawQueryString: params.toString(), words: wordsOf(q).length, kind };
  });
}
