/** The few English words of the records' fixed phrases: months, small numbers, languages, clock times. */
import { MONTH_NAMES_EN } from '../../domain/dates.ts';

export function monthNumber(name: string): number | undefined {
  const i = MONTH_NAMES_EN.findIndex((m) => m.toLowerCase() === name.toLowerCase());
  return i < 0 ? undefined : i + 1;
}

const NUMBER_WORDS = [
  'none',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
];

/** "15", "fifteen", "none", "no" → the number; undefined for anything else. */
export function countValue(word: string): number | undefined {
  const w = word.toLowerCase();
  if (/^\d{1,2}$/.test(w)) return Number(w);
  if (w === 'no' || w === 'zero') return 0;
  const i = NUMBER_WORDS.indexOf(w);
  return i < 0 ? undefined : i;
}

/** The six official languages as ISO 639-1 codes; another language stays as printed. */
const LANGUAGES: Record<string, string> = {
  arabic: 'ar',
  chinese: 'zh',
  english: 'en',
  french: 'fr',
  russian: 'ru',
  spanish: 'es',
};

export function languageCode(name: string): string {
  return LANGUAGES[name.toLowerCase()] ?? name;
}

/** "10.20 a.m." → "10:20"; "12.15 p.m." → "12:15"; "3 p.m." → "15:00"; "noon" → "12:00". */
export function clockTime(text: string): string | undefined {
  if (/^noon$/i.test(text.trim())) return '12:00';
  const m = /^(\d{1,2})(?:[.:](\d{2}))?\s*(a|p)\.\s?m\.?$/i.exec(text.trim());
  if (!m) return undefined;
  let h = Number(m[1]);
  const min = Number(m[2] ?? '0');
  if (h < 1 || h > 12 || min > 59) return undefined;
  if (m[3]!.toLowerCase() === 'p' && h !== 12) h += 12;
  if (m[3]!.toLowerCase() === 'a' && h === 12) h = 0;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}
