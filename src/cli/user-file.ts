import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { CliError } from './errors.ts';

/** One row of a `council user import` file, with the line it starts on. */
export interface UserRow {
  line: number;
  user: { name: string; role: string; state?: string; password: string };
  /** The file left the password empty: one was generated, to be printed once. */
  generated: boolean;
}

const COLUMNS = ['name', 'role', 'state', 'password'] as const;
const REQUIRED = ['name', 'role'] as const;

/** 24 characters of base64url: 144 random bits, well over the 12-character minimum. */
function generatedPassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * Reads the users of a CSV file (header: name, role, state[, password]). Malformed CSV or a wrong header
 * is an error naming the file and line; the rows themselves are checked by the procedure's schema.
 */
export function readUserFile(file: string): UserRow[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`cannot read ${file}: ${(e as Error).message}`);
  }
  let header: string[] = [];
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(text, {
      columns: (names: string[]) => (header = names.map((h) => h.trim().toLowerCase())),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      info: true,
    }) as typeof records;
  } catch (e) {
    throw new CliError(`${file}: not valid CSV: ${(e as Error).message}`);
  }
  const unknown = header.filter((h) => !(COLUMNS as readonly string[]).includes(h));
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (unknown.length > 0 || missing.length > 0)
    throw new CliError(
      `${file} line 1: expected a header of ${COLUMNS.join(', ')} (password optional)` +
        (missing.length ? `; missing ${missing.join(', ')}` : '') +
        (unknown.length ? `; unknown column ${unknown.join(', ')}` : ''),
    );
  return records.map(({ record, info }) => {
    const given = record.password ?? '';
    const password = given === '' ? generatedPassword() : given;
    const state = record.state ? record.state.toUpperCase() : undefined;
    return {
      line: info.lines,
      user: { name: record.name ?? '', role: record.role ?? '', ...(state ? { state } : {}), password },
      generated: given === '',
    };
  });
}
