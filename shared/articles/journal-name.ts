/**
 * Words kept lower-case inside a title (but not as its first word): journal names here, the
 * generated titles in scripts/generate-articles.ts.
 */
export const minorWords: ReadonlySet<string> = new Set([
  'a',
  'an',
  'and',
  'at',
  'for',
  'in',
  'of',
  'on',
  'or',
  'the',
  'to',
  'with',
  'de',
]);

/**
 * One facet value per journal however editors capitalised it: "Diabetes care" and
 * "Diabetes Care" share the key `diabetes care` and display as "Diabetes Care". Words written
 * in capitals (JAMA, BMJ, NEJM) keep them.
 */
export function normalizeJournal(source: string): { key: string; display: string } {
  const words = source.trim().split(/\s+/);
  const key = words.join(' ').toLowerCase();
  const display = words
    .map((word, i) => {
      if (word.length > 1 && word === word.toUpperCase() && /[A-Z]/.test(word)) return word;
      const lower = word.toLowerCase();
      if (i > 0 && minorWords.has(lower)) return lower;
      return lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join(' ');
  return { key, display };
}
