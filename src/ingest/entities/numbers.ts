/**
 * Numbers as UN texts write them: ASCII digits, Chinese numerals (十五, 二〇二〇) and English words (thirteen).
 */

const ZH_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** Chinese numeral (十五, 二十三, 二〇二〇) → number; undefined when it is not one. */
export function zhNumeral(text: string): number | undefined {
  if (!/^[〇零一二两三四五六七八九十百]+$/.test(text)) return undefined;
  if (!/[十百]/.test(text)) {
    // Digit by digit, as years are written: 二〇二〇.
    return Number([...text].map((c) => ZH_DIGITS[c]).join(''));
  }
  let total = 0;
  let current = 0;
  for (const c of text) {
    if (c === '百') {
      total += (current || 1) * 100;
      current = 0;
    } else if (c === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else current = ZH_DIGITS[c] ?? 0;
  }
  return total + current;
}

const EN_WORDS: Record<string, number> = {
  zero: 0,
  none: 0,
  no: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
};

/** "13", "十三", "thirteen" → 13; undefined when the text is not a number. */
export function readNumber(text: string): number | undefined {
  const t = text.trim();
  if (/^\d+$/.test(t)) return Number(t);
  return zhNumeral(t) ?? EN_WORDS[t.toLowerCase()];
}

/** The regular-expression source of one number in any of the forms readNumber accepts. */
export const NUMBER_SOURCE = String.raw`\d+|[〇零一二两三四五六七八九十百]+|zero|none|no|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen`;

/** How often, as narratives say it beyond a number: "twice". */
const TIMES: Record<string, number> = { once: 1, twice: 2, thrice: 3 };

/** Counts as narratives write them ("六次" → 六, "six", "6", "twice"). */
export function readCount(text: string): number | undefined {
  return readNumber(text) ?? TIMES[text.trim().toLowerCase()];
}
