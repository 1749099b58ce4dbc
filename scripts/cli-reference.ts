/**
 * Writes the CLI reference into README.md between the CLI-REFERENCE markers, from the commands' own help,
 * so the README cannot drift from what the code does (test/cli/readme.test.ts checks it is current).
 * `npm run readme` rewrites it; `--check` exits 1 when it is stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ROOT_DIR } from '../src/config/paths.ts';
import { buildProgram } from '../src/cli/main.ts';

const README = join(ROOT_DIR, 'README.md');
const START = '<!-- CLI-REFERENCE -->';
const END = '<!-- /CLI-REFERENCE -->';

function describe(cmd: Command, prefix: string): string[] {
  const name = `${prefix} ${cmd.name()}`.trim();
  const out: string[] = [];
  const usage = `${name} ${cmd.usage()}`.replace(/\s+/g, ' ').trim();
  out.push(`### \`${usage}\``, '', cmd.description(), '');
  const options = cmd.options.filter((o) => o.long !== '--help');
  if (options.length > 0) {
    out.push('| option | meaning |', '| --- | --- |');
    for (const o of options)
      out.push(`| \`${o.flags.replace(/\|/g, '\\|')}\` | ${o.description.replace(/\|/g, '\\|')} |`);
    out.push('');
  }
  for (const sub of cmd.commands.filter((c) => c.name() !== 'help')) out.push(...describe(sub, name));
  return out;
}

export async function cliReference(): Promise<string> {
  const program = await buildProgram();
  const lines = program.commands.filter((c) => c.name() !== 'help').flatMap((c) => describe(c, 'council'));
  return `${START}\n\n${lines.join('\n').trim()}\n\n${END}`;
}

export function withReference(readme: string, reference: string): string {
  const a = readme.indexOf(START);
  if (a < 0) throw new Error(`README.md has no ${START} marker`);
  const b = readme.indexOf(END, a);
  return (
    readme.slice(0, a) + reference + (b < 0 ? readme.slice(a + START.length) : readme.slice(b + END.length))
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const current = readFileSync(README, 'utf8');
  const next = withReference(current, await cliReference());
  if (process.argv.includes('--check')) {
    if (next !== current) {
      process.stderr.write('README.md CLI reference is out of date: run `npm run readme`\n');
      process.exit(1);
    }
  } else writeFileSync(README, next);
}
