/** The section files named on the command line: files as given, folders searched for *.txt, in name order. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export function sectionFiles(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.txt')) out.push(p);
    }
  };
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = statSync(p).isDirectory();
    } catch {
      // A missing path is reported by the reader, with its name.
    }
    if (isDir) walk(p);
    else out.push(p);
  }
  return out;
}
