import { medicalSynonyms } from '../search-index/synonyms.js';

/** Lower-case words, as the analyzers see them before the synonym graph (near enough). */
const wordsOf = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * Every synonym, as words, with the readings a match gives: its own words or its concept's term
 * (see synonymConceptRules), whatever the size of its set.
 */
const rules = medicalSynonyms.flatMap((line) =>
  line.split(',').map((synonym) => ({ words: wordsOf(synonym), readings: 2 })),
);
const mostReadings = Math.max(...rules.map((rule) => rule.readings));

/**
 * An upper bound on the readings the synonym graph gives `q`: like the graph, it takes the
 * longest rule matching at each word, and every match multiplies the readings (by two).
 * A word the folding filters might still change (any non-ASCII letter) counts as a match.
 * A sloppy phrase query holds one clause per reading (OpenSearch refuses more than 1,024).
 */
export function synonymReadings(q: string): number {
  const words = wordsOf(q);
  let readings = 1;
  for (let i = 0; i < words.length; ) {
    if (!/^[a-z0-9]+$/.test(words[i] as string)) {
      readings *= mostReadings;
      i++;
      continue;
    }
    let longest = { words: [] as string[], readings: 1 };
    for (const rule of rules) {
      if (
        rule.words.length > longest.words.length &&
        rule.words.every((word, n) => words[i + n] === word)
      ) {
        longest = rule;
      }
    }
    readings *= longest.readings;
    i += Math.max(1, longest.words.length);
  }
  return readings;
}
