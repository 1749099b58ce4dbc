import type { FastifyReply, FastifyRequest } from 'fastify';
import { en, type LabelKey } from './i18n/en.ts';
import { zh } from './i18n/zh.ts';
import { isLang, type Lang } from '../../domain/vocabulary.ts';

// The routes take the languages from here, with the interface's own helpers.
export { LANGS, type Lang } from '../../domain/vocabulary.ts';
export const LANG_COOKIE = 'lang';

const DICTS: Record<Lang, Record<LabelKey, string>> = { zh, en };

/** A label in the interface language; `{name}` placeholders are filled from `vars` (the caller escapes on output). */
export function label(lang: Lang, key: LabelKey, vars?: Record<string, string | number>): string {
  const text = DICTS[lang][key];
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Whether the dictionaries have this label (for words made from data: kinds, breakdown keys). */
export function isLabelKey(key: string): key is LabelKey {
  return key in en;
}

export type Translate = (key: LabelKey, vars?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  return (key, vars) => label(lang, key, vars);
}

/**
 * The interface language: ?lang= first (and remembered in a cookie so the choice follows the reader),
 * then the cookie, then the browser's Accept-Language, then Chinese, the language of the seed corpus.
 */
export function resolveLang(request: FastifyRequest, reply: FastifyReply, fromQuery: Lang | undefined): Lang {
  if (fromQuery) {
    if (request.cookies[LANG_COOKIE] !== fromQuery) {
      void reply.setCookie(LANG_COOKIE, fromQuery, {
        path: '/',
        sameSite: 'lax',
        maxAge: 60 * 60 * 24 * 365,
        httpOnly: true,
      });
    }
    return fromQuery;
  }
  const cookie = request.cookies[LANG_COOKIE];
  if (isLang(cookie)) return cookie;
  const accept = String(request.headers['accept-language'] ?? '').toLowerCase();
  const firstEn = accept.search(/(^|,)\s*en\b/);
  const firstZh = accept.search(/(^|,)\s*zh\b/);
  if (firstEn >= 0 && (firstZh < 0 || firstEn < firstZh)) return 'en';
  return 'zh';
}

/** The BCP 47 tag for the lang attribute: the record's Chinese is simplified. */
export function htmlLang(lang: Lang): string {
  return lang === 'zh' ? 'zh-Hans' : 'en';
}
