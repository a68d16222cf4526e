import type { RelatedItem, RelatedResponse } from '../api/client.js';
import { evidenceLabel } from '../format.js';
import { articleHref, moreHref } from './links.js';

/** Fired (bubbling, composed) when a reader follows an item: analytics hook for the site. */
export const itemClickEvent = 'type1cure-related-click';

export interface ItemClickDetail {
  articleId: string;
  itemId: string;
  /** 1-based position in the list. */
  position: number;
  href: string;
}

const styles = `
:host{display:block;font:inherit;color:var(--t1c-related-color,inherit)}
:host([hidden]){display:none}
section{border-top:var(--t1c-related-border,1px solid #d8dee4);padding-top:1rem}
h2{font-size:var(--t1c-related-heading-size,1.25rem);margin:0 0 .75rem}
.list{list-style:none;margin:0;padding:0;display:grid;gap:var(--t1c-related-gap,1rem)}
.list>li{padding:.75rem;border-radius:var(--t1c-related-radius,8px);background:var(--t1c-related-item-bg,#f6f8fa)}
a{color:var(--t1c-related-link,#0b5cad)}
a:focus-visible{outline:3px solid var(--t1c-related-focus,#f5a623);outline-offset:2px}
.title{font-weight:600}
.badge{display:inline-block;margin:.35rem 0;padding:.1rem .5rem;border-radius:.75rem;font-size:.8rem;background:var(--t1c-related-badge-bg,#e3f1e8);color:var(--t1c-related-badge-color,#14532d)}
.reasons{margin:.25rem 0 0;padding-left:1.1rem;font-size:.9rem;color:var(--t1c-related-muted,#4b5563)}
.more{display:inline-block;margin-top:.9rem}
`;

/**
 * `<type1cure-related article-id="…" limit="4" api-base="https://api…">`: the "more
 * evidence-labeled coverage" list for an article. No framework, shadow DOM, text set with
 * textContent only (nothing from the API is parsed as HTML). Renders nothing when the article
 * is unknown (404) or the API fails. Optional: `article-url` (default `/articles/{id}`),
 * `search-page` (where the "more" link opens the search; default the API's link),
 * `heading`. Theme with the `--t1c-related-*` custom properties and the parts
 * `section heading list item title badge reasons more`.
 */
export class Type1CureRelated extends HTMLElement {
  static observedAttributes = ['article-id', 'limit', 'api-base'];
  #root = this.attachShadow({ mode: 'open' });
  #request = 0;

  connectedCallback() {
    void this.#load();
  }

  attributeChangedCallback() {
    if (this.isConnected) void this.#load();
  }

  async #load() {
    const articleId = this.getAttribute('article-id');
    const apiBase = (this.getAttribute('api-base') ?? '').replace(/\/+$/, '');
    const request = ++this.#request;
    if (!articleId) return this.#clear();
    const limit = this.getAttribute('limit');
    const url = `${apiBase}/articles/${encodeURIComponent(articleId)}/related${limit ? `?limit=${encodeURIComponent(limit)}` : ''}`;
    let body: RelatedResponse | undefined;
    try {
      const response = await fetch(url, { headers: { accept: 'application/json' } });
      if (response.ok) body = (await response.json()) as RelatedResponse;
    } catch {
      body = undefined;
    }
    if (request !== this.#request) return;
    if (!body || body.items.length === 0) return this.#clear();
    this.#render(articleId, apiBase, body);
    this.dispatchEvent(new CustomEvent('type1cure-related-load', { detail: body }));
  }

  #clear() {
    this.#root.replaceChildren();
    this.hidden = true;
  }

  #render(articleId: string, apiBase: string, body: RelatedResponse) {
    const template = this.getAttribute('article-url') ?? '/articles/{id}';
    const heading = el('h2', 'heading');
    heading.id = 'heading';
    heading.textContent =
      this.getAttribute('heading') ?? 'More evidence-labeled coverage across the Type1Cure library';
    const list = el('ul', 'list');
    body.items.forEach((item, index) => {
      list.append(this.#item(articleId, item, index + 1, articleHref(template, item.id)));
    });
    const more = el('a', 'more');
    more.href = moreHref(body.moreUrl, apiBase, this.getAttribute('search-page'));
    more.textContent = 'More evidence-labeled articles on these topics';
    const section = el('section', 'section');
    section.setAttribute('aria-labelledby', 'heading');
    section.append(heading, list, more);
    const style = document.createElement('style');
    style.textContent = styles;
    this.#root.replaceChildren(style, section);
    this.hidden = false;
  }

  #item(articleId: string, item: RelatedItem, position: number, href: string) {
    const li = el('li', 'item');
    const link = el('a', 'title');
    link.href = href;
    link.textContent = item.title;
    link.addEventListener('click', () => {
      const detail: ItemClickDetail = { articleId, itemId: item.id, position, href };
      this.dispatchEvent(
        new CustomEvent(itemClickEvent, { detail, bubbles: true, composed: true }),
      );
    });
    const badge = el('span', 'badge');
    badge.textContent = evidenceLabel(item.evidence);
    const reasons = el('ul', 'reasons');
    reasons.setAttribute('aria-label', 'Why this is suggested');
    for (const reason of item.reasons) {
      const line = document.createElement('li');
      line.textContent = reason;
      reasons.append(line);
    }
    li.append(link, document.createElement('br'), badge, reasons);
    return li;
  }
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, part: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.setAttribute('part', part);
  node.className = part;
  return node;
}

if (!customElements.get('type1cure-related')) {
  customElements.define('type1cure-related', Type1CureRelated);
}
