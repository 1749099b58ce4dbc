import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { loadConfig } from '../../config/config.ts';
import { withStore, printJson } from '../context.ts';
import { CliError } from '../errors.ts';
import { verifyAudit } from '../../procedure/audit.ts';
import { addKey } from '../../procedure/audit-keys.ts';

interface ReceiptFile {
  procedureId?: unknown;
  state?: unknown;
  vote?: unknown;
  digest?: unknown;
  auditSeq?: unknown;
  auditHash?: unknown;
}

export function register(program: Command): void {
  const audit = program
    .command('audit')
    .description('the keyed, hash-chained audit log of the written procedure');
  audit
    .command('verify')
    .description(
      'check every entry against its keyed hash, the chain and the checkpoint, and every ballot, procedure ' +
        'and user against the log; exit 1 on any difference',
    )
    .option('--receipt <file...>', "also check that the log holds these vote receipts (the API's JSON)")
    .option('--json', 'print JSON', false)
    .action(async (opts: { json: boolean; receipt?: string[] }) => {
      await withStore(async (store, config) => {
        const report = await verifyAudit(store, config.audit);
        for (const file of opts.receipt ?? []) {
          const r = readReceipt(file);
          const e = await store.db
            .selectFrom('audit_log')
            .selectAll()
            .where('seq', '=', r.auditSeq)
            .executeTakeFirst();
          const detail = e ? (JSON.parse(e.detail) as { vote?: unknown; digest?: unknown }) : undefined;
          if (!e || e.hash !== r.auditHash || e.action !== 'vote.cast' || e.target !== r.procedureId)
            report.problems.push(
              `receipt ${file}: the log does not hold its entry ${r.auditSeq} as receipted`,
            );
          else if (detail?.vote !== r.vote || detail.digest !== r.digest)
            report.problems.push(`receipt ${file}: the logged vote differs from the receipt`);
        }
        report.ok = report.problems.length === 0;
        if (opts.json) printJson(report);
        else if (report.ok)
          process.stdout.write(
            `audit log intact: ${report.entries} entries, head ${report.head}, checkpoint at entry ` +
              `${report.checkpoint.seq ?? 'none'} (${report.checkpoint.file})\n`,
          );
        else
          process.stdout.write(
            `audit log TAMPERED (${report.problems.length} problems):\n${report.problems.map((p) => `  ${p}`).join('\n')}\n`,
          );
        if (!report.ok) process.exitCode = 1;
      });
    });
  audit
    .command('key-new')
    .description(
      'create the audit key file, or rotate: put a new signing key first and keep the earlier ones to verify older entries',
    )
    .option('--file <path>', 'the key file (default: COUNCIL_AUDIT_KEY_FILE or data/audit.key)')
    .action((opts: { file?: string }) => {
      const file = opts.file ?? loadConfig().audit.keyFile;
      const id = addKey(file);
      process.stdout.write(`new audit key ${id} written first in ${file} (mode 0600)\n`);
    });
}

function readReceipt(file: string): {
  procedureId: string;
  vote: string;
  digest: string;
  auditSeq: number;
  auditHash: string;
} {
  let r: ReceiptFile;
  try {
    r = JSON.parse(readFileSync(file, 'utf8')) as ReceiptFile;
  } catch (e) {
    throw new CliError(`${file}: not a JSON receipt (${(e as Error).message})`);
  }
  for (const f of ['procedureId', 'vote', 'digest', 'auditHash'] as const)
    if (typeof r[f] !== 'string') throw new CliError(`${file}: field ${f}: expected a string`);
  if (typeof r.auditSeq !== 'number') throw new CliError(`${file}: field auditSeq: expected a number`);
  return r as { procedureId: string; vote: string; digest: string; auditSeq: number; auditHash: string };
}
