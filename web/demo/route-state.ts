/**
 * The search page's URL uses the API's own parameter names (`/?q=…&tags=a,b&evidenced=true`),
 * so an API search link such as the related widget's `moreUrl` opens the same search on the page.
 */
export interface SearchUiState {
  query?: string;
  page?: number;
  refinementList?: Partial<Record<'tags' | 'category' | 'evidenceType' | 'source', string[]>>;
  menu?: { year?: string };
  toggle?: { evidenced?: boolean };
  sortBy?: string;
}

export const indexName = 'articles';
export const newestIndex = `${indexName}_newest`;
const lists = ['tags', 'category', 'evidenceType', 'source'] as const;

/** UI state → URL query string (without '?'). */
export function toQueryString(state: SearchUiState): string {
  const params = new URLSearchParams();
  if (state.query) params.set('q', state.query);
  for (const name of lists) {
    const values = state.refinementList?.[name] ?? [];
    if (name === 'tags' && values.length > 0) params.set('tags', values.join(','));
    else for (const value of values) params.append(name, value);
  }
  if (state.menu?.year) params.set('year', state.menu.year);
  if (state.toggle?.evidenced) params.set('evidenced', 'true');
  if (state.sortBy === newestIndex) params.set('sort', 'newest');
  if (state.page && state.page > 1) params.set('page', String(state.page));
  return params.toString().replaceAll('%2C', ',');
}

/** URL query string → UI state; unknown parameters (and `tagsMode`) are ignored. */
export function fromQueryString(search: string): SearchUiState {
  const params = new URLSearchParams(search);
  const state: SearchUiState = {};
  const query = params.get('q');
  if (query) state.query = query;
  for (const name of lists) {
    const values = params.getAll(name).flatMap((v) => (name === 'tags' ? v.split(',') : [v]));
    const kept = values.map((v) => v.trim()).filter(Boolean);
    if (kept.length > 0) state.refinementList = { ...state.refinementList, [name]: kept };
  }
  const year = params.get('year');
  if (year) state.menu = { year };
  if (params.get('evidenced') === 'true') state.toggle = { evidenced: true };
  if (params.get('sort') === 'newest') state.sortBy = newestIndex;
  const page = Number(params.get('page'));
  if (Number.isInteger(page) && page > 1) state.page = page;
  return state;
}
