#!/usr/bin/env node
// The CLI runs the TypeScript sources directly through tsx, so `npm ci` is the only set-up step.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`council extract … | head`) closes stdout: the output it wanted is written,
// so every command ends quietly with success, as other CLIs do, rather than crashing on EPIPE.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
}
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
