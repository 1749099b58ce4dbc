/**
 * `npm run reference`: (re)builds the reference JSON into data/build/reference from ../shared/reference and
 * data/reference/curated. The product does the same at first use (src/domain/reference/files.ts).
 */
import { pathToFileURL } from 'node:url';
import { buildReference } from '../src/domain/reference/build.ts';
import { ensureReference } from '../src/domain/reference/files.ts';

export { buildReference };

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const built = ensureReference();
    console.log(built ? 'reference data built' : 'reference data up to date (inputs unchanged)');
  } catch (err) {
    console.error(`build-reference: ${(err as Error).message}`);
    process.exit(1);
  }
}
