import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markClose, markOpen, toMarkedHtml } from '../../shared/search/highlight.js';

describe('toMarkedHtml', () => {
  it('marks matches and escapes everything else', () => {
    expect(toMarkedHtml(`Why a <${markOpen}script${markClose}> Tag Won't "Fix" A&B`)).toBe(
      'Why a &lt;<mark>script</mark>&gt; Tag Won&#39;t &quot;Fix&quot; A&amp;B',
    );
  });

  it('keeps marks balanced whatever stray sentinels the text holds', () => {
    expect(toMarkedHtml(`${markClose}a${markOpen}b${markOpen}c`)).toBe('a<mark>bc</mark>');
  });

  it('never lets a tag other than <mark> through (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom(markOpen, markClose, '<', '>', '&', '"'))),
        (parts) => {
          const html = toMarkedHtml(parts.join(''));
          expect(html.replace(/<\/?mark>/g, '')).not.toMatch(/[<>"']/);
          expect(html.split('<mark>').length).toBe(html.split('</mark>').length);
        },
      ),
    );
  });
});
