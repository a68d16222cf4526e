/**
 * Where the widget's links go. Article links fill `{id}` in the site's article URL template;
 * the API's `moreUrl` (a `/search?…` API link) keeps its query on the site's search page when
 * one is given, else is resolved against the API base.
 */
export function articleHref(template: string, id: string): string {
  return template.replaceAll('{id}', encodeURIComponent(id));
}

export function moreHref(moreUrl: string, apiBase: string, searchPage: string | null): string {
  const api = new URL(moreUrl, `${apiBase.replace(/\/+$/, '')}/`);
  return searchPage === null ? api.href : `${searchPage}${api.search}`;
}
