import { unescapeHtml } from '../html.js';
import type { HighlightResult } from './algolia-types.js';

export interface HighlightTags {
  pre: string;
  post: string;
}

/**
 * The API's highlight HTML (`<mark>` around matches, everything else escaped) as Algolia's
 * highlight value. With InstantSearch's own tags (it escapes values itself, then turns its tags
 * into <mark>), the text is unescaped so nothing is escaped twice. Without tags the API's safe
 * HTML is kept as is: unescaped text is never handed to a caller that might not escape it.
 */
export function toHighlightResult(html: string, tags: HighlightTags | undefined): HighlightResult {
  const matchedWords: string[] = [];
  for (const [, word] of html.matchAll(/<mark>(.*?)<\/mark>/g)) {
    const text = unescapeHtml(word ?? '').toLowerCase();
    if (text && !matchedWords.includes(text)) matchedWords.push(text);
  }
  const plain = unescapeHtml(html.replace(/<\/?mark>/g, ''));
  const marked = unescapeHtml(html.replace(/<mark>.*?<\/mark>/g, '')).trim();
  const value = tags
    ? html
        .split(/(<\/?mark>)/)
        .map((part) =>
          part === '<mark>' ? tags.pre : part === '</mark>' ? tags.post : unescapeHtml(part),
        )
        .join('')
    : html;
  return {
    value,
    matchLevel: matchedWords.length === 0 ? 'none' : marked === '' ? 'full' : 'partial',
    matchedWords,
    fullyHighlighted: matchedWords.length > 0 && marked === '' && plain !== '',
  };
}
