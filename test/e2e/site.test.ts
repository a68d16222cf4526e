import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { seedArticleId } from '../../scripts/local/fixtures.js';
import { repoRoot } from '../../scripts/local/repo-root.js';
import { ensureChromium } from '../helpers/chromium.js';
import { type NpmStart, spawnNpmStart } from '../helpers/npm-start.js';

/**
 * The demo site `npm start` serves, driven in Debian's Chromium: the search page on the
 * InstantSearch adapter, the suggestions, the article page with the related widget. The site is
 * on its own origin, so every API call is a real cross-origin request through the gateway's CORS.
 */
const screenshotsDir = join(repoRoot, '.local', 'screenshots');
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const desktop = { width: 1280, height: 900 };
const phone = { width: 390, height: 844 };

let stack: NpmStart;
let browser: Browser;
let context: BrowserContext;
let site: string;
/** Console errors and uncaught exceptions of every page, checked after each test. */
let problems: string[] = [];

beforeAll(async () => {
  const executablePath = ensureChromium();
  stack = await spawnNpmStart('e2e-site');
  if (!(await stack.ready)) throw new Error(`npm start failed:\n${stack.output()}`);
  site = `http://127.0.0.1:${stack.ports.site}`;
  browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  mkdirSync(screenshotsDir, { recursive: true });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await stack?.cleanUp();
});

async function openPage(path: string, viewport = desktop): Promise<Page> {
  context = await browser.newContext({ viewport });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  await page.goto(`${site}${path}`);
  return page;
}

afterEach(async () => {
  await context?.close();
  const seen = problems;
  problems = [];
  expect(seen).toEqual([]);
});

const hitTitles = (page: Page) => page.locator('.hit-title').allInnerTexts();
const nbHits = async (page: Page) =>
  Number(
    (await page.locator('#stats').innerText()).match(/^([\d,]+) article/)?.[1]?.replace(',', ''),
  );
/** Waits for InstantSearch to settle on a URL whose query satisfies `test`. */
const urlHas = (page: Page, part: string) =>
  page.waitForURL((url) => url.search.includes(part), { timeout: 15_000 });
/**
 * Waits until the results shown answer the current state: the URL is written after the search
 * starts, and the results section is aria-busy until its answer is rendered.
 */
async function settledOn(page: Page, part: string) {
  await urlHas(page, part);
  await page.locator('#results[aria-busy="false"]').waitFor();
}

async function expectNoSeriousA11yViolations(page: Page) {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(): Promise<{
            violations: Array<{ id: string; impact: string; nodes: Array<{ target: unknown }> }>;
          }>;
        };
      }
    ).axe;
    const result = await axe.run();
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
  expect(violations).toEqual([]);
}

/** Presses Tab until `target` has the focus (also inside a shadow root); fails if it never does. */
async function tabTo(page: Page, target: Locator, maxPresses = 80) {
  const focused = () =>
    target.evaluate((el) => {
      const root = el.getRootNode() as Document | ShadowRoot;
      return root.activeElement === el;
    });
  for (let i = 0; i < maxPresses && !(await focused()); i++) await page.keyboard.press('Tab');
  expect(await focused()).toBe(true);
}

async function screenshot(page: Page, name: string, fullPage = false) {
  const file = join(screenshotsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

describe('the search page', () => {
  it('lists highlighted results with badges, dates and read times, and facets with counts', async () => {
    const page = await openPage('/?q=insulin');
    await page.locator('.hit').first().waitFor();
    expect(await nbHits(page)).toBeGreaterThan(10);
    await expect.poll(() => page.locator('.hit').count()).toBe(10);
    expect(await page.locator('.hit mark').count()).toBeGreaterThan(0);
    const first = page.locator('.hit').first();
    expect(await first.locator('.hit-meta').innerText()).toMatch(
      / · \w+ \d{1,2}, \d{4} · \d+ min read$/,
    );
    expect(await page.locator('.hit .badge').count()).toBe(10);
    for (const panel of ['tags', 'category', 'evidence-type', 'source', 'year']) {
      expect(
        await page
          .locator(`#${panel} .ais-RefinementList-count, #${panel} .ais-Menu-count`)
          .count(),
        panel,
      ).toBeGreaterThan(0);
    }
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'search-desktop');
  });

  it('is readable at phone width, filters folded below the search box', async () => {
    const page = await openPage('/?q=insulin', phone);
    await page.locator('.hit').first().waitFor();
    expect(await page.locator('#filters').getAttribute('open')).toBeNull();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(phone.width);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'search-phone');
  });

  it('suggests as you type; the keyboard picks a tag suggestion, a click opens an article', async () => {
    const page = await openPage('/');
    const box = page.getByRole('combobox', { name: 'Search articles' });
    await box.pressSequentially('exerc');
    const options = page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option');
    await options.first().waitFor();
    await expect.poll(() => box.getAttribute('aria-expanded')).toBe('true');
    const texts = await options.allInnerTexts();
    const tagIndex = texts.findIndex((t) => /^tag/i.test(t));
    expect(tagIndex, texts.join(' | ')).toBeGreaterThanOrEqual(0);
    await screenshot(page, 'suggestions-desktop');
    for (let i = 0; i <= tagIndex; i++) await box.press('ArrowDown');
    expect(await box.getAttribute('aria-activedescendant')).toBe(
      await options.nth(tagIndex).getAttribute('id'),
    );
    await box.press('Enter');
    await urlHas(page, 'tags=exercise');
    await expect
      .poll(() =>
        page
          .locator('#tags')
          .getByRole('checkbox', { name: /exercise/ })
          .isChecked(),
      )
      .toBe(true);
    expect(await box.inputValue()).toBe('');

    await box.pressSequentially('exerc');
    await page.getByRole('option', { name: /How Exercise May Help Calm/ }).click();
    await page.waitForURL(`${site}/articles/${seedArticleId}`);
  });

  it('ticking a tag changes the results and the other facets’ counts', async () => {
    const page = await openPage('/');
    await page.locator('.hit').first().waitFor();
    const before = {
      total: await nbHits(page),
      titles: await hitTitles(page),
      categories: await page.locator('#category').innerText(),
    };
    const children = page.locator('#tags').getByRole('checkbox', { name: /^children/ });
    const expected = Number(
      await page
        .locator('#tags .ais-RefinementList-item', { hasText: 'children' })
        .locator('.ais-RefinementList-count')
        .innerText(),
    );
    await children.check();
    await urlHas(page, 'tags=children');
    await expect.poll(() => nbHits(page)).toBe(expected);
    expect(expected).toBeLessThan(before.total);
    expect(await hitTitles(page)).not.toEqual(before.titles);
    expect(await page.locator('#category').innerText()).not.toEqual(before.categories);
    // the refinement is listed and can be cleared
    expect(await page.locator('#current-refinements').innerText()).toContain('children');
    await page.getByRole('button', { name: 'Clear all filters' }).click();
    await expect.poll(() => nbHits(page)).toBe(before.total);
  });

  it('filters to evidence-labeled articles, a year, and sorts newest first', async () => {
    const page = await openPage('/');
    await page.locator('.hit').first().waitFor();
    const toggle = page.getByRole('checkbox', { name: /Evidence-labeled only/ });
    const labeled = Number((await page.locator('#evidenced').innerText()).match(/\((\d+)\)/)?.[1]);
    await toggle.check();
    await urlHas(page, 'evidenced=true');
    await expect.poll(() => nbHits(page)).toBe(labeled);
    expect(await page.locator('.hit .badge-none').count()).toBe(0);

    await page.getByRole('combobox', { name: 'Sort by' }).selectOption({ label: 'Newest first' });
    await settledOn(page, 'sort=newest');
    const dates = await page
      .locator('.hit time')
      .evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
    expect(dates).toEqual([...dates].sort().reverse());

    const year = page.locator('#year .ais-Menu-link').first();
    const label = (await year.locator('.ais-Menu-label').innerText()).trim();
    await year.click();
    await urlHas(page, `year=${label}`);
    await expect
      .poll(async () =>
        (
          await page
            .locator('.hit time')
            .evaluateAll((els) => els.map((e) => e.getAttribute('datetime')?.slice(0, 4)))
        ).every((y) => y === label),
      )
      .toBe(true);
  });

  it('pages through the results, and the back button returns to the first page', async () => {
    const page = await openPage('/');
    await page.locator('.hit').first().waitFor();
    const first = await hitTitles(page);
    await page.getByRole('link', { name: 'Page 2' }).click();
    await urlHas(page, 'page=2');
    await expect.poll(() => hitTitles(page)).not.toEqual(first);
    const second = await hitTitles(page);
    expect(second.filter((t) => first.includes(t))).toEqual([]);
    await page.goBack();
    await expect.poll(() => hitTitles(page)).toEqual(first);
  });

  it('restores the same results from a shared URL', async () => {
    const page = await openPage('/');
    const box = page.getByRole('combobox', { name: 'Search articles' });
    await box.pressSequentially('beta cells');
    await page
      .locator('#tags')
      .getByRole('checkbox', { name: /^autoimmunity/ })
      .check();
    await urlHas(page, 'tags=autoimmunity');
    await settledOn(page, 'q=beta+cells');
    const shared = page.url();
    const titles = await hitTitles(page);
    await context.close();

    const again = await openPage(shared.slice(site.length));
    await again.locator('.hit').first().waitFor();
    expect(await hitTitles(again)).toEqual(titles);
    expect(await again.getByRole('combobox', { name: 'Search articles' }).inputValue()).toBe(
      'beta cells',
    );
    expect(
      await again
        .locator('#tags')
        .getByRole('checkbox', { name: /^autoimmunity/ })
        .isChecked(),
    ).toBe(true);
  });

  it('offers "did you mean" for a misspelt query, and an empty state when nothing matches', async () => {
    const page = await openPage('/?q=glucosse%20monitr');
    const suggestion = page.locator('#did-you-mean button');
    await suggestion.waitFor();
    expect(await suggestion.innerText()).toBe('glucose monitor');
    await suggestion.click();
    await urlHas(page, 'q=glucose+monitor');
    await page.goto(`${site}/?q=glucose&tags=no-such-tag`);
    await page.locator('.empty').waitFor();
    expect(await page.locator('.empty').innerText()).toContain('No articles match “glucose”');
  });

  it('can be used with the keyboard alone, with a visible focus ring', async () => {
    const page = await openPage('/');
    await page.locator('.hit').first().waitFor();
    const box = page.getByRole('combobox', { name: 'Search articles' });
    await tabTo(page, box);
    expect(await box.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await page.keyboard.type('islet');
    await urlHas(page, 'q=islet');
    await page.keyboard.press('Escape');
    // on to the evidence-labeled toggle, ticked with Space
    await tabTo(page, page.getByRole('checkbox', { name: /Evidence-labeled only/ }));
    await page.keyboard.press('Space');
    await urlHas(page, 'evidenced=true');
    // on to the first result, opened with Enter
    const firstLink = page.locator('.hit-title a').first();
    await expect.poll(() => firstLink.innerText()).not.toBe('');
    const href = await firstLink.getAttribute('href');
    await tabTo(page, firstLink);
    expect(await firstLink.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${site}${href}`);
    // and from the article to a related one, inside the widget's shadow DOM
    const related = page.locator('type1cure-related .title').first();
    await related.waitFor();
    const relatedHref = await related.getAttribute('href');
    await tabTo(page, related);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${site}${relatedHref}`);
  });
});

describe('the article page and the related-articles widget', () => {
  it('shows the article in the library layout, ending with related items and their reasons', async () => {
    const page = await openPage(`/articles/${seedArticleId}`);
    expect(await page.locator('.article-meta').innerText()).toBe(
      'Causes & What We Know · June 19, 2026 · 3 min read',
    );
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
      'How Exercise May Help Calm the Immune System in Type 1 Diabetes',
    );
    expect(await page.getByRole('heading', { name: 'Key takeaways' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Evidence label' }).count()).toBe(1);

    const widget = page.locator('type1cure-related');
    await widget.locator('.item').first().waitFor();
    expect(await widget.getByRole('heading').innerText()).toBe(
      'More evidence-labeled coverage across the Type1Cure library',
    );
    const items = widget.locator('.list > .item');
    expect(await items.count()).toBe(4);
    for (const item of await items.all()) {
      expect(await item.locator('.badge').innerText()).toMatch(/^.+ · .+$/);
      expect(await item.locator('.reasons li').count()).toBeGreaterThan(0);
    }
    const more = widget.locator('.more');
    expect(await more.getAttribute('href')).toMatch(/^\/\?evidenced=true&/);
    await expectNoSeriousA11yViolations(page);
    await screenshot(page, 'article-desktop', true);
    await widget.scrollIntoViewIfNeeded();
    await widget.screenshot({ path: join(screenshotsDir, 'related-widget.png') });
    await page.setViewportSize(phone);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      phone.width,
    );
    await widget.scrollIntoViewIfNeeded();
    await screenshot(page, 'article-phone');

    const firstItem = items.first().locator('.title');
    const id = (await firstItem.getAttribute('href'))?.split('/').pop();
    await firstItem.click();
    await page.waitForURL(`${site}/articles/${id}`);
  });

  it('reports item clicks as a DOM event, and its "more" link opens the same search on the site', async () => {
    const page = await openPage(`/articles/${seedArticleId}`);
    const widget = page.locator('type1cure-related');
    await widget.locator('.item').first().waitFor();
    const clicked = page.evaluate(
      () =>
        new Promise<unknown>((resolve) =>
          document.addEventListener('type1cure-related-click', (e) => {
            e.preventDefault();
            resolve((e as CustomEvent).detail);
          }),
        ),
    );
    const second = widget.locator('.list > .item').nth(1).locator('.title');
    const href = await second.getAttribute('href');
    await second.click();
    expect(await clicked).toEqual({
      articleId: seedArticleId,
      itemId: href?.split('/').pop(),
      position: 2,
      href,
    });

    await page.goto(`${site}/articles/${seedArticleId}`);
    await widget.locator('.more').click();
    await page.waitForURL((url) => url.pathname === '/' && url.search.includes('evidenced=true'));
    await page.locator('.hit').first().waitFor();
    expect(await page.getByRole('checkbox', { name: /Evidence-labeled only/ }).isChecked()).toBe(
      true,
    );
    expect(await page.locator('.hit .badge-none').count()).toBe(0);
  });

  it('renders nothing for an unknown article', async () => {
    const page = await openPage(`/articles/${seedArticleId}`);
    await page.locator('type1cure-related .item').first().waitFor();
    await page.evaluate((api) => {
      const element = document.createElement('type1cure-related');
      element.setAttribute('api-base', api);
      element.setAttribute('article-id', 'no-such-article');
      document.body.append(element);
    }, `http://127.0.0.1:${stack.ports.api}`);
    await expect
      .poll(() =>
        page
          .locator('type1cure-related')
          .last()
          .evaluate((el) => (el as HTMLElement).hidden),
      )
      .toBe(true);
    // the browser logs the 404 itself; nothing else may
    problems = problems.filter((p) => !p.includes('status of 404'));
    expect(
      await page
        .locator('type1cure-related')
        .last()
        .evaluate((el) => el.shadowRoot?.childElementCount),
    ).toBe(0);
  });
});
