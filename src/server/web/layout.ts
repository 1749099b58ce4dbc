import { html, type Html } from './html.ts';
import { htmlLang, LANGS, type Lang } from './lang.ts';
import type { View } from './format.ts';
import { feedQuery } from '../../publish/atom.ts';
import type { FeedFilter } from '../../store/queries/filters.ts';

/** The same page in another language: the request's path and query with `lang` replaced. */
export function withLang(url: string, lang: Lang): string {
  const u = new URL(url, 'http://x');
  u.searchParams.set('lang', lang);
  return `${u.pathname}${u.search}${u.hash}`;
}

export interface PageOptions {
  title: string;
  body: Html;
  /** Trail of links shown above the heading, after the home page's (which every trail starts with). */
  crumbs?: { href: string; text: string }[];
  /** Where the page's record also exists as data: its address in the JSON API. */
  json?: string;
  /** A list page: the Atom feed of what it lists, with the page's filters. */
  feed?: FeedFilter;
}

const LANG_NAMES: Record<Lang, string> = { zh: '中文', en: 'English' };

export function page(v: View, opts: PageOptions): string {
  const nav: [string, string][] = [
    ['/', v.t('nav.home')],
    ['/items', v.t('nav.items')],
    ['/search', v.t('nav.search')],
    ['/stats', v.t('nav.stats')],
    ['/sources', v.t('nav.sources')],
    ['/console', v.t('console.title')],
    ['/api/docs', v.t('nav.api')],
  ];
  const here = new URL(v.url, 'http://x').pathname;
  const doc = html`<!doctype html>
    <html lang="${htmlLang(v.lang)}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${opts.title} · ${v.t('site.name')}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/static/site.css" />
        ${LANGS.filter((l) => l !== v.lang).map((l) => html`<link rel="alternate" hreflang="${htmlLang(l)}" href="${withLang(v.url, l)}" />`)}
        ${opts.feed ? html`<link rel="alternate" type="application/atom+xml" href="/feed.atom${feedQuery(opts.feed)}" title="Atom" />` : html``}
        ${opts.json ? html`<link rel="alternate" type="application/json" href="${opts.json}" title="JSON" />` : html``}
      </head>
      <body>
        <a class="skip" href="#main">${v.t('nav.skip')}</a>
        <header class="site">
          <a class="brand" href="/">${v.t('site.name')}</a>
          <nav aria-label="${v.t('nav.label')}">
            <ul>
              ${nav.map(([href, text]) => html`<li><a href="${href}" ${here === href ? html` aria-current="page"` : html``}>${text}</a></li>`)}
            </ul>
          </nav>
          <form class="quick" role="search" action="/search" method="get">
            <label for="quick-q">${v.t('search.label')}</label>
            <input id="quick-q" name="q" type="search" />
            <button type="submit">${v.t('search.submit')}</button>
          </form>
          <p class="langs">
            ${LANGS.map((l) =>
              l === v.lang
                ? html`<span aria-current="true" lang="${htmlLang(l)}">${LANG_NAMES[l]}</span>`
                : html`<a
                    href="${withLang(v.url, l)}"
                    hreflang="${htmlLang(l)}"
                    lang="${htmlLang(l)}"
                    rel="alternate"
                    >${LANG_NAMES[l]}</a
                  >`,
            )}
          </p>
        </header>
        <main id="main" tabindex="-1">
          ${
            opts.crumbs
              ? html`<nav class="crumbs" aria-label="${v.t('nav.crumbs')}">
                  <ol>
                    ${[{ href: '/', text: v.t('nav.home') }, ...opts.crumbs].map((c) => html`<li><a href="${c.href}">${c.text}</a></li>`)}
                  </ol>
                </nav>`
              : html``
          }
          ${opts.body}
        </main>
        <footer class="site">
          <p>${v.t('site.footer')}</p>
        </footer>
      </body>
    </html> `;
  return doc.value;
}
