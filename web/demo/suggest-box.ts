import type { Suggestion, SuggestResponse } from '../api/client.js';

export interface SuggestBoxOptions {
  container: HTMLElement;
  apiBase: string;
  /** Called on every keystroke with the text typed. */
  onInput(query: string): void;
  /** Called when a suggestion is chosen (Enter on the active option, or a click). */
  onChoose(suggestion: Suggestion): void;
}

export interface SuggestBox {
  setQuery(query: string): void;
}

let instances = 0;

/**
 * A search box with `/suggest` suggestions as a WAI-ARIA combobox: ArrowDown/ArrowUp move through
 * the options (aria-activedescendant keeps focus in the input), Enter chooses, Escape closes.
 */
export function createSuggestBox(options: SuggestBoxOptions): SuggestBox {
  const id = `suggest-${++instances}`;
  const form = document.createElement('form');
  form.role = 'search';
  form.className = 'suggest';
  form.addEventListener('submit', (event) => event.preventDefault());
  const label = document.createElement('label');
  label.htmlFor = `${id}-input`;
  label.className = 'visually-hidden';
  label.textContent = 'Search articles';
  const input = document.createElement('input');
  Object.assign(input, {
    id: `${id}-input`,
    type: 'search',
    placeholder: 'Search articles, e.g. beta cell replacement',
    autocomplete: 'off',
    spellcheck: false,
  });
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', `${id}-list`);
  const list = document.createElement('ul');
  list.id = `${id}-list`;
  list.setAttribute('role', 'listbox');
  list.setAttribute('aria-label', 'Suggestions');
  list.hidden = true;
  form.append(label, input, list);
  options.container.append(form);

  let items: Suggestion[] = [];
  let active = -1;
  let pending: AbortController | undefined;

  const render = () => {
    list.replaceChildren(
      ...items.map((item, index) => {
        const option = document.createElement('li');
        option.id = `${id}-option-${index}`;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', String(index === active));
        const kind = document.createElement('span');
        kind.className = 'suggest-kind';
        kind.textContent =
          item.type === 'article' ? 'Article' : item.type === 'tag' ? 'Tag' : 'Category';
        const text = document.createElement('span');
        text.textContent = item.text;
        option.append(kind, text);
        if (item.type !== 'article') {
          const count = document.createElement('span');
          count.className = 'suggest-count';
          count.textContent = `${item.count}`;
          option.append(count);
        }
        option.addEventListener('mousedown', (event) => {
          event.preventDefault(); // keep focus in the input
          choose(index);
        });
        return option;
      }),
    );
    const open = items.length > 0;
    list.hidden = !open;
    input.setAttribute('aria-expanded', String(open));
    if (active >= 0) input.setAttribute('aria-activedescendant', `${id}-option-${active}`);
    else input.removeAttribute('aria-activedescendant');
  };
  const close = () => {
    pending?.abort();
    items = [];
    active = -1;
    render();
  };
  const choose = (index: number) => {
    const item = items[index];
    if (!item) return;
    close();
    options.onChoose(item);
  };
  const suggest = async (query: string) => {
    pending?.abort();
    if (query.trim() === '') return close();
    const controller = new AbortController();
    pending = controller;
    try {
      const url = `${options.apiBase}/suggest?q=${encodeURIComponent(query)}`;
      const response = await fetch(url, { signal: controller.signal });
      if (!response.ok) return close();
      const body = (await response.json()) as SuggestResponse;
      if (controller.signal.aborted || input.value !== query) return;
      items = body.items;
      active = -1;
      render();
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    }
  };

  input.addEventListener('input', () => {
    options.onInput(input.value);
    void suggest(input.value);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (items.length === 0) return;
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      active = (active + step + items.length + 1) % (items.length + 1);
      if (active === items.length) active = -1;
      render();
    } else if (event.key === 'Enter') {
      if (active >= 0) {
        event.preventDefault();
        choose(active);
      } else {
        close();
      }
    } else if (event.key === 'Escape') {
      close();
    }
  });
  input.addEventListener('blur', close);

  return {
    setQuery(query) {
      if (input.value !== query) input.value = query;
    },
  };
}
