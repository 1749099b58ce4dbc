import type { Command } from 'commander';
import { withStore, printJson } from '../context.ts';
import { verifyAudit } from '../../procedure/audit.ts';

export function register(program: Command): void {
  const audit = program.command('audit').description('the hash-chained audit log of the written procedure');
  audit
    .command('verify')
    .description('check every entry against its hash and the chain; exit 1 if an entry was edited or deleted')
    .option('--json', 'print JSON', false)
    .action(async (opts: { json: boolean }) => {
      await withStore(async (store) => {
        const report = await verifyAudit(store.db);
        if (opts.json) printJson(report);
        else if (report.ok)
          process.stdout.write(`audit log intact: ${report.entries} entries, head ${report.head}\n`);
        else
          process.stdout.write(
            `audit log TAMPERED (${report.problems.length} problems):\n${report.problems.map((p) => `  ${p}`).join('\n')}\n`,
          );
        if (!report.ok) process.exitCode = 1;
      });
    });
}
