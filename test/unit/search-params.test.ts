import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors.js';
import { cursorBinding, encodeCursor } from '../../shared/search/cursor.js';
import {
  parseSearchParams,
  parseSuggestParams,
  queryValues,
} from '../../shared/search/search-params.js';

const parse = (rawQueryString: string) => parseSearchParams(queryValues({ rawQueryString }));

/** The fields named by the 400 a query string provokes. */
function invalidFields(rawQueryString: string): string[] {
  try {
    parse(rawQueryString);
  } catch (error) {
    if (error instanceof ValidationError) return error.invalidParams.map((p) => p.field);
    throw error;
  }
  throw new Error(`'${rawQueryString}' was accepted`);
}

describe('parseSearchParams', () => {
  it('fills in defaults: browse, relevance, first page of 10', () => {
    expect(parse('')).toEqual({
      q: '',
      tags: [],
      tagsMode: 'all',
      category: [],
      evidenceType: [],
      source: [],
      year: [],
      evidenced: undefined,
      publishedFrom: undefined,
      publishedTo: undefined,
      sort: 'relevance',
      page: 1,
      pageSize: 10,
      cursor: undefined,
    });
  });

  it('reads tags repeated, comma-separated (as API Gateway joins them) or both', () => {
    expect(parse('tags=a&tags=b,c&tags=').tags).toEqual(['a', 'b', 'c']);
    expect(parseSearchParams(queryValues({ queryStringParameters: { tags: 'a,b' } })).tags).toEqual(
      ['a', 'b'],
    );
  });

  it('keeps commas inside other labels, which may contain them', () => {
    const params = parse(
      `source=${encodeURIComponent('Diabetes, Obesity and Metabolism')}&source=JAMA&category=A%20%26%20B`,
    );
    expect(params.source).toEqual(['Diabetes, Obesity and Metabolism', 'JAMA']);
    expect(params.category).toEqual(['A & B']);
  });

  it('trims the query, accepts any characters in it, and bounds its length', () => {
    expect(parse('q=%20%20title%3A(x%20OR%20*)%20').q).toBe('title:(x OR *)');
    expect(parse(`q=${'x'.repeat(500)}`).q).toHaveLength(500);
    expect(invalidFields(`q=${'x'.repeat(501)}`)).toEqual(['q']);
  });

  it('normalises q and labels to NFC and reads tabs and line breaks as spaces', () => {
    // "é" as e + combining acute (decomposed) becomes the single composed code point
    const params = parse('q=caf%65%CC%81%09study&category=Caf%65%CC%81%0Aculture');
    expect(params.q).toBe('caf\u00e9 study');
    expect(params.category).toEqual(['Caf\u00e9 culture']);
  });

  it('refuses control characters and percent-encodings that are not UTF-8, naming the parameter', () => {
    expect(invalidFields('q=a%00b')).toEqual(['q']);
    expect(invalidFields('q=a%1Bb')).toEqual(['q']);
    expect(invalidFields('source=a%C2%85b')).toEqual(['source']);
    // a lone surrogate (U+D800 as CESU-8 bytes), a stray continuation byte, a truncated sequence
    expect(invalidFields('q=%ED%A0%80')).toEqual(['q']);
    expect(invalidFields('tags=%80')).toEqual(['tags']);
    expect(invalidFields('q=ok&category=%E2%82')).toEqual(['category']);
    expect(() => parseSuggestParams(queryValues({ rawQueryString: 'q=%ED%B0%80' }))).toThrow(
      ValidationError,
    );
  });

  it('bounds the number of values of every list parameter', () => {
    const many = (name: string, count: number) =>
      Array.from({ length: count }, (_, i) => `${name}=v${i}`).join('&');
    for (const name of ['tags', 'category', 'evidenceType', 'source']) {
      expect(parse(many(name, 20))[name as 'tags']).toHaveLength(20);
      expect(invalidFields(many(name, 21))).toEqual([name]);
    }
    expect(
      invalidFields(`tags=${Array.from({ length: 21 }, (_, i) => `t${i}`).join(',')}`),
    ).toEqual(['tags']);
  });

  it('names every bad parameter at once', () => {
    expect(
      invalidFields(
        'tagsMode=some&sort=best&page=0&pageSize=51&evidenced=yes&publishedFrom=2024-02-30&publishedTo=tomorrow',
      ).sort(),
    ).toEqual([
      'evidenced',
      'page',
      'pageSize',
      'publishedFrom',
      'publishedTo',
      'sort',
      'tagsMode',
    ]);
    expect(invalidFields('page=1.5')).toEqual(['page']);
    expect(invalidFields('q=a&q=b')).toEqual(['q']);
    expect(invalidFields(`tags=${'t,'.repeat(21)}`)).toEqual(['tags']);
  });

  it('reads years repeated or comma-separated, and rejects what is not a year', () => {
    expect(parse('year=2024&year=2022,2023').year).toEqual([2024, 2022, 2023]);
    expect(invalidFields('year=24')).toEqual(['year']);
    expect(invalidFields('year=2024-01')).toEqual(['year']);
    expect(invalidFields(`year=${'2020,'.repeat(21)}`)).toEqual(['year']);
  });

  it('rejects a date range that ends before it starts', () => {
    expect(invalidFields('publishedFrom=2025-01-01&publishedTo=2024-12-31')).toEqual([
      'publishedTo',
    ]);
  });

  it('sends pages past the result window to cursor paging', () => {
    expect(parse('page=200&pageSize=50').page).toBe(200);
    expect(invalidFields('page=201&pageSize=50')).toEqual(['page']);
  });

  it('takes the page from a cursor, which must be ours and made for the same sort', () => {
    const binding = cursorBinding(parse('sort=newest&tags=b,a'));
    const cursor = encodeCursor({
      sort: 'newest',
      after: [1714521600000, 'some-id'],
      page: 7,
      binding,
    });
    expect(parse(`sort=newest&tags=b,a&cursor=${cursor}`)).toMatchObject({
      page: 7,
      cursor: { sort: 'newest', after: [1714521600000, 'some-id'], page: 7, binding },
    });
    // filter values in another order are the same search
    expect(parse(`sort=newest&tags=a&tags=b&cursor=${cursor}`).page).toBe(7);
    expect(invalidFields(`cursor=${cursor}`)).toEqual(['cursor']);
    expect(invalidFields('cursor=bm90IGEgY3Vyc29y')).toEqual(['cursor']);
    expect(invalidFields('cursor=%7B%7D')).toEqual(['cursor']);
  });

  it('keeps whether a cursor continues a blended (semantic) ranking', () => {
    const binding = cursorBinding(parse('q=insulin&pageSize=5'));
    const after = [3.2, 1714521600000, 'some-id'];
    const cursorOf = (blended?: true) =>
      encodeCursor({ sort: 'relevance', after, page: 2, binding, ...(blended && { blended }) });

    expect(parse(`q=insulin&pageSize=5&cursor=${cursorOf(true)}`).cursor?.blended).toBe(true);
    expect(parse(`q=insulin&pageSize=5&cursor=${cursorOf()}`).cursor?.blended).toBeUndefined();
  });

  it('refuses a cursor for another query, filter or page size, naming cursor', () => {
    const issuedBy = 'q=insulin&category=Cure+Research&pageSize=5';
    const cursor = encodeCursor({
      sort: 'relevance',
      after: [3.2, 1714521600000, 'some-id'],
      page: 2,
      binding: cursorBinding(parse(issuedBy)),
    });
    expect(parse(`${issuedBy}&cursor=${cursor}`).page).toBe(2);
    for (const other of [
      'q=insulins&category=Cure+Research&pageSize=5',
      'q=insulin&pageSize=5',
      'q=insulin&category=Cure+Research&pageSize=5&evidenced=true',
      'q=insulin&category=Cure+Research&pageSize=5&year=2024',
      'q=insulin&category=Cure+Research&pageSize=6',
      'q=insulin&category=Cure+Research&pageSize=5&sort=newest',
    ]) {
      expect({ other, fields: invalidFields(`${other}&cursor=${cursor}`) }).toEqual({
        other,
        fields: ['cursor'],
      });
    }
  });

  it('refuses forged and malformed cursors whose sort values do not fit their sort order', () => {
    const binding = cursorBinding(parse(''));
    const wire = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const a of [
      ['x'],
      [1, 2],
      ['1', 1714521600000, 'id'],
      [1, 1.5, 'id'],
      [1, 1714521600000, 'id', 'extra'],
      [1, 1714521600000, ''],
      [1, 1714521600000, {}],
    ]) {
      expect({
        a,
        fields: invalidFields(`cursor=${wire({ s: 'relevance', a, p: 2, b: binding })}`),
      }).toEqual({ a, fields: ['cursor'] });
    }
    for (const forged of [
      { s: 'relevance', a: [1, 1714521600000, 'id'], p: 2 },
      { s: 'relevance', a: [1, 1714521600000, 'id'], p: 1, b: binding },
      { s: 'relevance', a: [1, 1714521600000, 'id'], p: 2, b: 'x' },
      { s: 'random', a: [1, 1714521600000, 'id'], p: 2, b: binding },
      [],
      null,
    ]) {
      expect(invalidFields(`cursor=${wire(forged)}`)).toEqual(['cursor']);
    }
  });
});

describe('parseSuggestParams', () => {
  it('reads q, empty by default, at most 100 characters', () => {
    expect(parseSuggestParams(queryValues({ rawQueryString: 'q=%20exerc' }))).toEqual({
      q: 'exerc',
    });
    expect(parseSuggestParams(queryValues({}))).toEqual({ q: '' });
    expect(() =>
      parseSuggestParams(queryValues({ rawQueryString: `q=${'x'.repeat(101)}` })),
    ).toThrow(ValidationError);
  });
});
