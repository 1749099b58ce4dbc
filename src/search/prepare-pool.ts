/**
 * Tokenising (jieba, stemming, names of states and missions) is most of the cost of indexing. A large
 * batch is shared between this thread and worker threads, one per spare core, so a rebuild or a bulk load
 * uses the machine's cores while this thread also writes; a small batch (one ingested section) is
 * prepared here, without waiting for a worker to start. Results keep the order of the inputs.
 */
import { Worker } from 'node:worker_threads';
import { searchConfig } from '../config/config.ts';
import type { Dialect } from '../store/db.ts';
import type { DocInput } from './documents.ts';
import { prepareDoc, type IndexedDoc } from './prepare.ts';

/** Below this many documents a batch is prepared here: a worker's share would not pay for the hand-over. */
const PARALLEL_FROM = 500;

interface Reply {
  id: number;
  docs?: IndexedDoc[];
  error?: string;
}

class PrepareWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<
    number,
    { resolve: (d: IndexedDoc[]) => void; reject: (e: Error) => void }
  >();
  private nextId = 0;

  constructor() {
    // execArgv [] : the worker registers tsx itself and must not inherit the parent's --import flags.
    this.worker = new Worker(new URL('./prepare-worker.mjs', import.meta.url), { execArgv: [] });
    this.worker.unref();
    this.worker.on('message', (r: Reply) => {
      const p = this.pending.get(r.id);
      if (!p) return;
      this.pending.delete(r.id);
      if (this.pending.size === 0) this.worker.unref();
      if (r.error !== undefined) p.reject(new Error(`search index worker: ${r.error}`));
      else p.resolve(r.docs!);
    });
    this.worker.on('error', (e) => this.failAll(e));
    this.worker.on('exit', (code) => this.failAll(new Error(`search index worker exited with code ${code}`)));
  }

  prepare(inputs: DocInput[], dialect: Dialect): Promise<IndexedDoc[]> {
    const id = this.nextId++;
    // Referenced only while it has work, so an idle pool never keeps the process alive.
    this.worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, inputs, dialect });
    });
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    pool = undefined;
  }
}

let pool: PrepareWorker[] | undefined;

/** Prepares documents for the index, on worker threads as well as this one when the batch is large. */
export async function prepareDocs(inputs: DocInput[], dialect: Dialect): Promise<IndexedDoc[]> {
  // SEARCH_INDEX_WORKERS=0 prepares everything on the calling thread.
  const workers = searchConfig().indexWorkers;
  if (workers <= 0 || inputs.length < PARALLEL_FROM) return inputs.map((d) => prepareDoc(d, dialect));
  pool ??= Array.from({ length: workers }, () => new PrepareWorker());
  const shares = pool.length + 1;
  const size = Math.ceil(inputs.length / shares);
  const sent = pool.map((w, i) => w.prepare(inputs.slice((i + 1) * size, (i + 2) * size), dialect));
  const own = inputs.slice(0, size).map((d) => prepareDoc(d, dialect));
  return own.concat(...(await Promise.all(sent)));
}
