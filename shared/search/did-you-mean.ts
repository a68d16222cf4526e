/** One entry of a term suggester's answer: a word of the text and its best corrections. */
export interface TermSuggestion {
  text: string;
  offset: number;
  length: number;
  options: Array<{ text: string }>;
}

const alphabetic = /^\p{L}+$/u;

/**
 * "Did you mean": `q` with each word no article contains replaced by the closest word that one
 * does. Identifiers with digits (GAD65) are never "corrected". Null when nothing was replaced.
 */
export function didYouMean(q: string, suggestions: readonly TermSuggestion[] = []): string | null {
  let corrected = '';
  let at = 0;
  for (const entry of [...suggestions].sort((a, b) => a.offset - b.offset)) {
    const replacement = entry.options[0]?.text;
    const original = q.slice(entry.offset, entry.offset + entry.length);
    if (!replacement || !alphabetic.test(original) || entry.offset < at) continue;
    corrected += q.slice(at, entry.offset) + matchCase(original, replacement);
    at = entry.offset + entry.length;
  }
  return at === 0 ? null : corrected + q.slice(at);
}

/** Keeps a capitalised word capitalised: "Autoimunity" → "Autoimmunity". */
const matchCase = (original: string, replacement: string) =>
  original[0] === original[0]?.toUpperCase() && original[0] !== original[0]?.toLowerCase()
    ? replacement[0]?.toUpperCase() + replacement.slice(1)
    : replacement;
