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

/**
 * Escapes highlighter output and turns its sentinels into balanced <mark> elements (a stray
 * sentinel from the source text can neither open a second mark nor leave one open).
 */
export function toMarkedHtml(highlighted: string): string {
  let html = '';
  let open = false;
  for (const part of highlighted.split(/([\uE000\uE001])/)) {
    if (part === markOpen) {
      if (!open) html += '<mark>';
      open = true;
    } else if (part === markClose) {
      if (open) html += '</mark>';
      open = false;
    } else {
      html += escapeHtml(part);
    }
  }
  return open ? `${html}</mark>` : html;
}
