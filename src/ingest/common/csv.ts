/** What the CSV sources share when they read a header. */

/**
 * csv-parse's `columns` option for a file that must have some columns: the names trimmed, and a header
 * without a required column refused at line 1, naming the file, the missing columns and the expected ones.
 */
export function requireColumns(
  file: string,
  required: readonly string[],
  expected: { what: string; columns: readonly string[] },
): (header: string[]) => string[] {
  const name = (c: string) => (/^\w+$/.test(c) ? c : `"${c}"`);
  return (header) => {
    const names = header.map((h) => h.trim());
    const missing = required.filter((c) => !names.includes(c));
    if (missing.length > 0)
      throw new Error(
        `${file}: line 1: missing column(s) ${missing.map(name).join(', ')} (expected ${expected.what}: ${expected.columns.join(', ')})`,
      );
    return names;
  };
}
