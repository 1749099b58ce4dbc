import type { Source } from '../common/contract.ts';
import { reportLines, type ImportReport } from '../common/report.ts';
import { readUndl, writeUndl, type UndlInput } from './index.ts';
import { STREAMED_MAX_BYTES } from '../common/stream.ts';

export const source: Source<UndlInput, ImportReport> = {
  kind: 'undl',
  summary: 'UN Digital Library "Security Council voting data" CSV (a file or an http(s) URL), streamed',
  single: true,
  read: (paths, { progress, maxBytes }) =>
    readUndl(paths[0]!, { progress, maxBytes: maxBytes ?? STREAMED_MAX_BYTES }),
  write: (store, input, { progress }) => writeUndl(store, input, { progress }),
  describe: (r) => reportLines(r, ['meetings', 'decisions']),
};
