import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Imports every .ts module of a folder in name order. Capabilities plug in CLI commands and HTTP routes
 * by adding a file, so no shared registry has to be edited. With `recursive`, sub-folders are read too
 * (a file's name is then its path, e.g. `api/records`): the server's routes live in folders named after
 * their URLs.
 */
export async function loadModules<T>(
  dir: string,
  opts: { recursive?: boolean } = {},
): Promise<{ name: string; module: T }[]> {
  const files = readdirSync(dir, { recursive: opts.recursive ?? false, encoding: 'utf8' })
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
    .sort();
  const out: { name: string; module: T }[] = [];
  for (const file of files) {
    out.push({
      name: file.replace(/\.ts$/, ''),
      module: (await import(pathToFileURL(join(dir, file)).href)) as T,
    });
  }
  return out;
}
