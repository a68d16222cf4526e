/**
 * Highlighting that is safe to put into HTML as is. OpenSearch wraps matches in private-use
 * sentinels (never in article text worth keeping); everything is then HTML-escaped and only the
 * sentinels become <mark> tags, so an article title containing `<script>` reaches the page as text.
 */
export const markOpen = '\uE000';
export const markClose = '\uE001';

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => htmlEscapes[c] ?? c);

/** What `toMarkedHtml` rewrites: the characters HTML needs escaped, and the sentinels. */
const markedHtmlCharacters = /[&<>"'\uE000\uE001]/g;

/**
 * Escapes highlighter output and turns its sentinels into balanced <mark> elements (a stray
 * sentinel from the source text can neither open a second mark nor leave one open). One pass
 * over the text: it runs on every snippet of every hit.
 */
export function toMarkedHtml(highlighted: string): string {
  let open = false;
  const html = highlighted.replace(markedHtmlCharacters, (c) => {
    if (c === markOpen) {
      if (open) return '';
      open = true;
      return '<mark>';
    }
    if (c === markClose) {
      if (!open) return '';
      open = false;
      return '</mark>';
    }
    return htmlEscapes[c] ?? c;
  });
  return open ? `${html}</mark>` : html;
}
