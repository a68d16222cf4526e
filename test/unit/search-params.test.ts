import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../shared/errors.js';
import { encodeCursor } from '../../shared/search/cursor.js';
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
    const cursor = encodeCursor({ sort: 'newest', after: [1714521600000, 'some-id'], page: 7 });
    expect(parse(`sort=newest&cursor=${cursor}`)).toMatchObject({
      page: 7,
      cursor: { sort: 'newest', after: [1714521600000, 'some-id'], page: 7 },
    });
    expect(invalidFields(`cursor=${cursor}`)).toEqual(['cursor']);
    expect(invalidFields('cursor=bm90IGEgY3Vyc29y')).toEqual(['cursor']);
    expect(invalidFields('cursor=%7B%7D')).toEqual(['cursor']);
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
