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
/** The rules by their first word, in list order: a query word is checked against its own few. */
const rulesByFirstWord = new Map<string, typeof rules>();
for (const rule of rules) {
  const first = rule.words[0];
  if (first !== undefined)
    rulesByFirstWord.set(first, [...(rulesByFirstWord.get(first) ?? []), rule]);
}

/** Whether `rule` reads `words` from position `at` on. */
function matchesAt(rule: readonly string[], words: readonly string[], at: number): boolean {
  for (let n = 0; n < rule.length; n++) if (words[at + n] !== rule[n]) return false;
  return true;
}

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
    const word = words[i] as string;
    if (!/^[a-z0-9]+$/.test(word)) {
      readings *= mostReadings;
      i++;
      continue;
    }
    let longest: { words: string[]; readings: number } | undefined;
    for (const rule of rulesByFirstWord.get(word) ?? []) {
      if (rule.words.length > (longest?.words.length ?? 0) && matchesAt(rule.words, words, i)) {
        longest = rule;
      }
    }
    readings *= longest?.readings ?? 1;
    i += longest?.words.length ?? 1;
  }
  return readings;
}
