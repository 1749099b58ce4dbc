import { normaliseWidth, toSimplified } from './chinese.ts';
import type { Lang } from './vocabulary.ts';

/**
 * The lookup key of a name: case, width, diacritics, articles, full stops and spacing are ignored, and
 * Chinese is compared in simplified characters, so "the Niger", "NIGER" and "Niger (the)" meet.
 */
export function nameKey(name: string, lang: Lang): string {
  let s = normaliseWidth(name).replace(/\*/g, '');
  if (lang === 'zh') return toSimplified(s).replace(/\s+/g, '').toLowerCase();
  s = s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[‘’`´]/g, "'")
    .toLowerCase()
    .replace(/\(the\)/g, ' ')
    .replace(/[.]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[-‐–—]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^the /, '');
  return s;
}
