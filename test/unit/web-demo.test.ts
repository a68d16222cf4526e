import { describe, expect, it } from 'vitest';
import { type Article, renderArticlePage } from '../../web/demo/pages.js';
import { fromQueryString, toQueryString } from '../../web/demo/route-state.js';
import { articleHref, moreHref } from '../../web/related/links.js';

describe('the search page URL', () => {
  it('uses the API parameter names, so an API search link opens the same search', () => {
    const state = {
      query: 'beta cells',
      page: 3,
      refinementList: { tags: ['cgm', 'children'], category: ['A & B', 'C'] },
      menu: { year: '2025' },
      toggle: { evidenced: true },
      sortBy: 'articles_newest',
    };
    const query = toQueryString(state);
    expect(query).toBe(
      'q=beta+cells&tags=cgm,children&category=A+%26+B&category=C&year=2025&evidenced=true&sort=newest&page=3',
    );
    expect(fromQueryString(`?${query}`)).toEqual(state);
    expect(fromQueryString('?evidenced=true&tags=autoimmunity,risk&tagsMode=any')).toEqual({
      refinementList: { tags: ['autoimmunity', 'risk'] },
      toggle: { evidenced: true },
    });
    expect(toQueryString({ page: 1, toggle: { evidenced: false } })).toBe('');
  });
});

describe('the related widget links', () => {
  it('fills the article URL template and moves the API search link to the site search page', () => {
    expect(articleHref('/articles/{id}', 'a b/c')).toBe('/articles/a%20b%2Fc');
    expect(moreHref('/search?evidenced=true&tags=a,b', 'http://api.test/', '/')).toBe(
      '/?evidenced=true&tags=a,b',
    );
    expect(moreHref('/search?evidenced=true', 'http://api.test/v1', null)).toBe(
      'http://api.test/search?evidenced=true',
    );
  });
});

describe('the article page', () => {
  it('escapes everything an article carries', () => {
    const hostile = '<img src=x onerror=alert(1)> & "quotes"';
    const article: Article = {
      id: 'x"><script>',
      title: hostile,
      summary: hostile,
      category: hostile,
      tags: ['<b>'],
      publishedAt: '2026-06-19',
      readTimeMinutes: 3,
      keyTakeaways: [hostile],
      sections: [{ heading: hostile, body: `${hostile}\n\nsecond` }],
      evidence: { source: hostile, type: hostile },
      version: 1,
      updatedAt: '2026-06-19T00:00:00Z',
    };
    const html = renderArticlePage(article, { apiBase: 'http://api.test' });
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(html).toContain('June 19, 2026</time> · 3 min read');
    expect(html).toContain('<type1cure-related article-id="x&quot;&gt;&lt;script&gt;"');
  });
});
