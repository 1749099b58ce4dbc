// Runs every test/**/*.test.ts with Node's built-in runner (Node 20's --test takes no globs).
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

function find(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return find(path);
    return path.endsWith('.test.ts') ? [path] : [];
  });
}

const only = process.argv.slice(2);
const files = only.length > 0 ? only : find('test').sort();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
  // Servers the tests start serve from one process (`council start --workers`), unless a test asks for
  // more: CI's two cores are not shared by several workers per test.
  env: { ...process.env, COUNCIL_WORKERS: process.env.COUNCIL_WORKERS ?? '1' },
});
process.exit(result.status ?? 1);
