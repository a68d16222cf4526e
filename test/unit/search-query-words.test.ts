import { describe, expect, it } from 'vitest';
import { maxMatchedWords, queryWords, typoEdits } from '../../shared/search/query-words.js';

describe('queryWords', () => {
  it('keeps distinct non-stop words and identifiers whole', () => {
    expect(queryWords('The HLA-DR3 and the hla-dr3 risk of T1D, 1.5 times?')).toEqual([
      { text: 'HLA-DR3', fuzziness: 0 },
      { text: 'risk', fuzziness: 0 },
      { text: 'T1D', fuzziness: 0 },
      { text: '1.5', fuzziness: 0 },
      { text: 'times', fuzziness: 1 },
    ]);
  });

  it('drops question words, so the informative word decides what matches', () => {
    expect(queryWords('Can type 1 diabetes be prevented?').map((w) => w.text)).toEqual([
      'type',
      '1',
      'diabetes',
      'prevented',
    ]);
    expect(queryWords('what causes it, and how does it start').map((w) => w.text)).toEqual([
      'causes',
      'start',
    ]);
    // names that look like question words stay: class I, WHO
    expect(queryWords('class I WHO').map((w) => w.text)).toEqual(['class', 'I', 'WHO']);
  });

  it('gives typo tolerance only to purely alphabetic words of five letters or more', () => {
    expect(
      ['GAD65', 'IL2RA', 'HLA-DR4', 'beta', 'cells', 'insulin', 'autoimunity'].map((w) =>
        typoEdits(w),
      ),
    ).toEqual([0, 0, 0, 0, 1, 1, 2]);
  });

  it('ignores punctuation-only input and caps the number of words', () => {
    expect(queryWords('!!! ??? --')).toEqual([]);
    const many = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    expect(queryWords(many)).toHaveLength(maxMatchedWords);
  });
});
