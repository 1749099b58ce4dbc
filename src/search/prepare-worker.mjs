// A worker thread of prepare-pool.ts. Workers do not inherit the tsx loader that bin/council.mjs
// registers, so this entry (plain JavaScript) registers it before loading the TypeScript module.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { prepareDoc } = await import('./prepare.ts');

parentPort.on('message', ({ id, inputs, dialect }) => {
  try {
    parentPort.postMessage({ id, docs: inputs.map((d) => prepareDoc(d, dialect)) });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
