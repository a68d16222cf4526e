import instantsearch from 'instantsearch.js';
import { connectSearchBox, connectSortBy } from 'instantsearch.js/es/connectors';
import { history } from 'instantsearch.js/es/lib/routers';
import {
  clearRefinements,
  configure,
  currentRefinements,
  hits,
  menu,
  pagination,
  refinementList,
  stats,
  toggleRefinement,
} from 'instantsearch.js/es/widgets';
import type { SearchHit } from '../api/client.js';
import { evidenceLabel, formatDate, readTime } from '../format.js';
import { createSearchClient } from '../instantsearch/search-client.js';
import {
  fromQueryString,
  indexName,
  newestIndex,
  type SearchUiState,
  toQueryString,
} from './route-state.js';
import { createSuggestBox } from './suggest-box.js';

const apiBase =
  document.querySelector<HTMLMetaElement>('meta[name="type1cure-api"]')?.content ?? '';
const byId = (id: string) => document.getElementById(id) as HTMLElement;

// On a phone the filters start folded, so the results come first.
if (window.matchMedia('(max-width: 760px)').matches) byId('filters').removeAttribute('open');

const search = instantsearch({
  indexName,
  searchClient: createSearchClient({ apiBase }),
  future: { preserveSharedStateOnUnmount: true },
  routing: {
    router: history<SearchUiState>({
      createURL: ({ routeState, location }) => {
        const query = toQueryString(routeState);
        return `${location.pathname}${query ? `?${query}` : ''}`;
      },
      parseURL: ({ location }) => fromQueryString(location.search),
      cleanUrlOnDispose: false,
    }),
    stateMapping: {
      stateToRoute: (uiState) => (uiState[indexName] ?? {}) as SearchUiState,
      routeToState: (route) => ({ [indexName]: route }),
    },
  },
});

const searchBox = connectSearchBox<{ container: HTMLElement }>((render, isFirstRender) => {
  if (isFirstRender) {
    const box = createSuggestBox({
      container: render.widgetParams.container,
      apiBase,
      onInput: (query) => render.refine(query),
      onChoose: (suggestion) => {
        if (suggestion.type === 'article') {
          window.location.assign(`/articles/${encodeURIComponent(suggestion.id)}`);
          return;
        }
        const attribute = suggestion.type === 'tag' ? 'tags' : 'category';
        search.setUiState((state) => {
          const current = (state[indexName] ?? {}) as SearchUiState;
          const chosen = current.refinementList?.[attribute] ?? [];
          return {
            ...state,
            [indexName]: {
              ...current,
              query: '',
              page: 1,
              refinementList: {
                ...current.refinementList,
                [attribute]: chosen.includes(suggestion.text)
                  ? chosen
                  : [...chosen, suggestion.text],
              },
            },
          };
        });
        box.setQuery('');
      },
    });
    (render.widgetParams as { box?: typeof box }).box = box;
  }
  (render.widgetParams as { box?: { setQuery(q: string): void } }).box?.setQuery(render.query);
});

/** sortBy as a native select with a visible label. */
const labelledSortBy = connectSortBy<{ container: HTMLElement }>((render, isFirstRender) => {
  const { container } = render.widgetParams;
  if (isFirstRender) {
    const label = document.createElement('label');
    label.htmlFor = 'sort-select';
    label.textContent = 'Sort by';
    const select = document.createElement('select');
    select.id = 'sort-select';
    select.addEventListener('change', () => render.refine(select.value));
    container.append(label, select);
  }
  const select = container.querySelector('select') as HTMLSelectElement;
  select.replaceChildren(
    ...render.options.map(
      ({ label, value }) => new Option(label, value, false, value === render.currentRefinement),
    ),
  );
});

/** "Did you mean" from the API's correction, and a note when the query was relaxed. */
const didYouMean = {
  $$type: 'type1cure.didYouMean',
  init() {},
  render({
    results,
    helper,
  }: {
    results: { didYouMean?: string | null; relaxed?: boolean; query: string } | null;
    helper: { setQuery(q: string): { search(): void } };
  }) {
    const container = byId('did-you-mean');
    container.replaceChildren();
    if (!results) return;
    if (results.didYouMean && results.didYouMean !== results.query) {
      const suggestion = results.didYouMean;
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'link-button';
      button.textContent = suggestion;
      button.addEventListener('click', () => helper.setQuery(suggestion).search());
      container.append('Did you mean ', button, '?');
    } else if (results.relaxed) {
      container.append('No article has all of these words; showing articles with some of them.');
    }
  },
};

const facetList = (container: string, attribute: string, showMore = false) =>
  refinementList({
    container: byId(container),
    attribute,
    operator: 'or',
    limit: 8,
    showMore,
    showMoreLimit: 30,
    sortBy: ['count:desc', 'name:asc'],
  });

search.addWidgets([
  configure({ hitsPerPage: 10 }),
  searchBox({ container: byId('searchbox') }),
  stats({
    container: byId('stats'),
    templates: {
      text: ({ nbHits, processingTimeMS }, { html }) =>
        html`${nbHits.toLocaleString('en-US')} ${nbHits === 1 ? 'article' : 'articles'} · ${processingTimeMS} ms`,
    },
  }),
  labelledSortBy({
    container: byId('sort'),
    items: [
      { label: 'Most relevant', value: indexName },
      { label: 'Newest first', value: newestIndex },
    ],
  }),
  didYouMean as never,
  currentRefinements({ container: byId('current-refinements') }),
  clearRefinements({
    container: byId('clear-refinements'),
    templates: { resetLabel: () => 'Clear all filters' },
  }),
  toggleRefinement({
    container: byId('evidenced'),
    attribute: 'evidenced',
    on: true,
    templates: { labelText: ({ count }) => `Evidence-labeled only${count ? ` (${count})` : ''}` },
  }),
  facetList('tags', 'tags', true),
  facetList('category', 'category'),
  facetList('evidence-type', 'evidenceType'),
  facetList('source', 'source', true),
  menu({ container: byId('year'), attribute: 'year', limit: 10, sortBy: ['name:desc'] }),
  hits({
    container: byId('hits'),
    templates: {
      item: (hit, { html, components }) => {
        const article = hit as unknown as SearchHit & { objectID: string };
        return html`<article class="hit">
          <h3 class="hit-title"><a href=${`/articles/${encodeURIComponent(article.objectID)}`}>${components.Highlight({ hit, attribute: 'title' })}</a></h3>
          <p class="hit-meta">${article.category} · <time datetime=${article.publishedAt}>${formatDate(article.publishedAt)}</time> · ${readTime(article.readTimeMinutes)}</p>
          ${article.evidence ? html`<p class="badge">${evidenceLabel(article.evidence)}</p>` : html`<p class="badge badge-none">No evidence label</p>`}
          <p class="hit-snippet">${components.Snippet({ hit, attribute: 'summary' })}</p>
        </article>`;
      },
      empty: (results, { html }) =>
        html`<div class="empty"><p><strong>No articles match${results.query ? ` “${results.query}”` : ''} with these filters.</strong></p><p>Try other words, or remove a filter.</p></div>`,
    },
  }),
  pagination({ container: byId('pagination'), padding: 2, showFirst: false, showLast: false }),
]);

// Assistive technology (and the browser tests) learn when the results are up to date.
search.on('render', () => {
  byId('results').setAttribute(
    'aria-busy',
    String(search.status === 'loading' || search.status === 'stalled'),
  );
});

search.start();
