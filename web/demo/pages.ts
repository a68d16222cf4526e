import type { Schemas } from '../api/client.js';
import { evidenceLabel, formatDate, readTime } from '../format.js';
import { escapeHtml } from '../html.js';

export type Article = Schemas['Article'];

/** What every demo page needs to know: where the API is. */
export interface PageContext {
  apiBase: string;
}

const disclaimer =
  'Type1Cure is an information and intelligence hub, not a medical advice service. This article ' +
  'summarizes published research and does not provide diagnosis, treatment, or personal medical ' +
  'guidance. Always talk to your own care team before changing anything about your Type 1 ' +
  'diabetes management.';

function layout(title: string, context: PageContext, main: string, script: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="type1cure-api" content="${escapeHtml(context.apiBase)}">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/demo/site.css">
</head>
<body>
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header"><a class="brand" href="/"><span class="brand-mark" aria-hidden="true">T1</span>Type1Cure</a><nav aria-label="Site"><a href="/">Search the library</a></nav></header>
<main id="main" tabindex="-1">
${main}
</main>
<script type="module" src="/assets/demo/${script}"></script>
</body>
</html>
`;
}

/** `/`: the shell InstantSearch fills (web/demo/search-page.ts). Sizes are reserved in CSS. */
export function renderSearchPage(context: PageContext): string {
  const panel = (id: string, title: string) =>
    `<section class="panel" aria-labelledby="${id}-heading"><h3 id="${id}-heading">${title}</h3><div id="${id}"></div></section>`;
  return layout(
    'Search the Type1Cure library',
    context,
    `<h1>Search the Type1Cure library</h1>
<div id="searchbox" class="searchbox"></div>
<div class="toolbar">
  <div id="stats" class="stats" role="status" aria-live="polite"></div>
  <div id="sort" class="sort"></div>
</div>
<div id="did-you-mean" class="did-you-mean" aria-live="polite"></div>
<div class="columns">
  <aside class="filters" aria-labelledby="filters-heading">
  <details id="filters" open>
    <summary><h2 id="filters-heading">Filters</h2></summary>
    <div id="current-refinements"></div>
    <div id="clear-refinements"></div>
    <div id="evidenced" class="toggle"></div>
    ${panel('tags', 'Tags')}
    ${panel('category', 'Category')}
    ${panel('evidence-type', 'Evidence type')}
    ${panel('source', 'Journal')}
    ${panel('year', 'Year')}
  </details>
  </aside>
  <section id="results" class="results" aria-labelledby="results-heading" aria-busy="true">
    <h2 id="results-heading" class="visually-hidden">Results</h2>
    <div id="hits"></div>
    <div id="pagination"></div>
  </section>
</div>`,
    'search-page.js',
  );
}

const paragraphs = (text: string) =>
  text
    .split(/\n\s*\n/)
    .map((p) => `<p>${escapeHtml(p.trim())}</p>`)
    .join('\n');

/** `/articles/{id}`: the article in the library's layout, ending with the related widget. */
export function renderArticlePage(article: Article, context: PageContext): string {
  const tags = article.tags
    .map((tag) => `<li><a href="/?tags=${encodeURIComponent(tag)}">${escapeHtml(tag)}</a></li>`)
    .join('');
  const takeaways = article.keyTakeaways.map((t) => `<li>${escapeHtml(t)}</li>`).join('');
  const sections = article.sections
    .map((s) => `<section><h2>${escapeHtml(s.heading)}</h2>\n${paragraphs(s.body)}</section>`)
    .join('\n');
  const evidence = article.evidence
    ? `<p><span class="badge">${escapeHtml(evidenceLabel(article.evidence))}</span></p>
<p>Source: ${escapeHtml(article.evidence.source)}. Evidence type: ${escapeHtml(article.evidence.type)}.</p>`
    : '<p>This article carries no evidence label.</p>';
  return layout(
    `${article.title} · Type1Cure`,
    context,
    `<article class="article">
<p class="article-meta"><span>${escapeHtml(article.category)}</span> · <time datetime="${escapeHtml(article.publishedAt)}">${formatDate(article.publishedAt)}</time> · ${readTime(article.readTimeMinutes)}</p>
<h1>${escapeHtml(article.title)}</h1>
<p class="lede">${escapeHtml(article.summary)}</p>
<ul class="tags" aria-label="Tags">${tags}</ul>
<section class="takeaways" aria-labelledby="takeaways-heading"><h2 id="takeaways-heading">Key takeaways</h2><ul>${takeaways}</ul></section>
${sections}
<section class="evidence-label" aria-labelledby="evidence-heading"><h2 id="evidence-heading">Evidence label</h2>
${evidence}
</section>
<p class="disclaimer">${disclaimer}</p>
</article>
<type1cure-related article-id="${escapeHtml(article.id)}" limit="4" api-base="${escapeHtml(context.apiBase)}" search-page="/"></type1cure-related>`,
    'article-page.js',
  );
}

/** A page for an unknown article. */
export function renderNotFoundPage(context: PageContext): string {
  return layout(
    'Not found · Type1Cure',
    context,
    '<h1>Article not found</h1><p><a href="/">Search the library</a> instead.</p>',
    'article-page.js',
  );
}
