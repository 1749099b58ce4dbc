/**
 * The parsers of command-line option values, one per kind of value, shared by every command: a bad value
 * is a CliError naming the option and what was expected, with exit code 2 (a usage error), never a guess.
 */
import { InvalidDateError, parseIsoDate } from '../domain/dates.ts';
import type { Lang } from '../domain/vocabulary.ts';
import { DEFAULT_MAX_BYTES } from '../ingest/repertoire/input.ts';
import { CliError } from './errors.ts';

/** The exit code of a command given an option value it cannot use. */
export const USAGE_ERROR = 2;

const FIRST_YEAR = 1946;
const LAST_YEAR = 2100;

/** A calendar year (1946 to 2100), or undefined when the option was not given. */
export function parseYear(value: string, flag?: string): number;
export function parseYear(value: string | undefined, flag?: string): number | undefined;
export function parseYear(value: string | undefined, flag = '--year'): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{4}$/.test(value) || Number(value) < FIRST_YEAR || Number(value) > LAST_YEAR) {
    throw new CliError(`${flag} must be a year such as 2020, not "${value}"`, USAGE_ERROR);
  }
  return Number(value);
}

/** zh or en, or undefined when the option was not given. */
export function parseLang(value: string, flag?: string): Lang;
export function parseLang(value: string | undefined, flag?: string): Lang | undefined;
export function parseLang(value: string | undefined, flag = '--lang'): Lang | undefined {
  if (value === undefined) return undefined;
  if (value !== 'zh' && value !== 'en')
    throw new CliError(`${flag} must be zh or en, not "${value}"`, USAGE_ERROR);
  return value;
}

/** A calendar date written YYYY-MM-DD (a real day of a real month). */
export function parseDate(value: string, flag = '--date'): string {
  try {
    return parseIsoDate(value, flag);
  } catch (e) {
    if (e instanceof InvalidDateError) throw new CliError(e.message, USAGE_ERROR);
    throw e;
  }
}

/** A whole number from 1 to `max`. */
export function parseWholeNumber(value: string, flag: string, max: number): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > max) {
    throw new CliError(`${flag} must be a whole number from 1 to ${max}, not "${value}"`, USAGE_ERROR);
  }
  return Number(value);
}

/** A size in bytes written as 32M, 512k or 1048576 (the default when the option was not given). */
export function parseMaxBytes(value: string | undefined, flag = '--max-bytes'): number {
  if (value === undefined) return DEFAULT_MAX_BYTES;
  const m = /^(\d+)\s*([kmg]?)b?$/i.exec(value.trim());
  if (!m) throw new CliError(`${flag} must be a size such as 32M, not "${value}"`, USAGE_ERROR);
  return Number(m[1]) * ({ '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[m[2]!.toLowerCase()] ?? 1);
}

/** An agenda item id: its year and number, as 2020-23. */
export function parseItemId(value: string, what = 'item'): string {
  if (!/^\d{4}-\d+$/.test(value))
    throw new CliError(`${what} must look like 2020-23, not "${value}"`, USAGE_ERROR);
  return value;
}

/**
 * A repeatable option holding codes (ISO3 state codes), each given once or as a comma-separated list:
 * commander's argParser, collecting upper-cased codes across repetitions.
 */
export function collectCodes(value: string, previous: string[]): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((s) => s.trim().toUpperCase())
      .filter(Boolean),
  ];
}
