import { typoEdits } from './query-words.js';

/** One entry of a term suggester's answer: a word of the text and its candidate corrections. */
export interface TermSuggestion {
  text: string;
  offset: number;
  length: number;
  options: Array<{ text: string }>;
}

/**
 * "Did you mean": `q` with each word that no article contains replaced by the closest word one
 * does, within the edits typo tolerance would allow for it (so identifiers such as GAD65 and
 * short words are never "corrected", and "teens" does not become "tests"). Null when nothing
 * was replaced.
 */
export function didYouMean(q: string, suggestions: readonly TermSuggestion[] = []): string | null {
  let corrected = '';
  let at = 0;
  for (const entry of [...suggestions].sort((a, b) => a.offset - b.offset)) {
    const original = q.slice(entry.offset, entry.offset + entry.length);
    const allowed = typoEdits(original);
    const replacement = entry.options.find(
      (option) => editDistance(original.toLowerCase(), option.text) <= allowed,
    )?.text;
    if (!replacement || allowed === 0 || entry.offset < at) continue;
    corrected += q.slice(at, entry.offset) + matchCase(original, replacement);
    at = entry.offset + entry.length;
  }
  return at === 0 ? null : corrected + q.slice(at);
}

/** Keeps a capitalised word capitalised: "Autoimunity" → "Autoimmunity". */
const matchCase = (original: string, replacement: string) =>
  /^\p{Lu}/u.test(original)
    ? replacement.charAt(0).toUpperCase() + replacement.slice(1)
    : replacement;

/** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      (rows[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}
