import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Imports every .ts module of a folder in name order. Capabilities plug in CLI commands, HTTP routes and
 * sources by adding a file or a folder, so no shared registry has to be edited. With `recursive`,
 * sub-folders are read too (a file's name is then its path, e.g. `api/records`): the server's routes live
 * in folders named after their URLs. With `entry`, only the file of that name in each sub-folder that has
 * one is read (a source's `source.ts`), named after its folder.
 */
export async function loadModules<T>(
  dir: string,
  options: { recursive?: boolean; entry?: string } = {},
): Promise<{ name: string; module: T }[]> {
  const { entry, recursive = false } = options;
  const found = entry
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, entry)))
        .map((d) => ({ name: d.name, file: join(dir, d.name, entry) }))
    : readdirSync(dir, { recursive, encoding: 'utf8' })
        .map((f) => f.split('\\').join('/'))
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('.d.ts'))
        .map((f) => ({ name: f.replace(/\.ts$/, ''), file: join(dir, f) }));
  const out: { name: string; module: T }[] = [];
  for (const { name, file } of found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    out.push({ name, module: (await import(pathToFileURL(file).href)) as T });
  }
  return out;
}
