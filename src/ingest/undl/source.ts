import type { Source } from '../common/contract.ts';
import { reportLines, type ImportReport } from '../common/report.ts';
import { readUndl, writeUndl, type UndlInput } from './index.ts';
import { UNDL_MAX_BYTES } from './parse.ts';

export const source: Source<UndlInput, ImportReport> = {
  kind: 'undl',
  summary: 'UN Digital Library "Security Council voting data" CSV (a file or an http(s) URL), streamed',
  single: true,
  read: (paths, { progress, maxBytes }) =>
    readUndl(paths[0]!, { progress, maxBytes: maxBytes ?? UNDL_MAX_BYTES }),
  write: (store, input, { progress }) => writeUndl(store, input, { progress }),
  describe: (r) => reportLines(r, ['meetings', 'decisions']),
};
