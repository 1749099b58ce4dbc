/**
 * The written procedure's audit: what a vote costs with its keyed entry and checkpoint, beside a bare
 * transaction writing the same ballot and entry rows (the baseline, same database, same run); and what
 * `verifyAudit` (keys, chain, checkpoint, every row rebuilt and compared) costs beside reading the log.
 * Wall and CPU time are both printed: the machine may be shared.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { sql } from 'kysely';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config/config.ts';
import { membersOn } from '../src/domain/membership.ts';
import { verifyAudit } from '../src/procedure/audit.ts';
import type { Actor } from '../src/procedure/actors.ts';
import { ProcedureService } from '../src/procedure/service.ts';
import { openStore } from '../src/store/db.ts';
import { migrate } from '../src/store/migrate.ts';
import { procedureNow, PROCEDURE_DAY } from '../test/support/clock.ts';
import { percentile, timed } from './measure.ts';

const PROCEDURES = 20;
const PASSWORD = 'correct horse battery staple';

const cpuMs = (f: () => Promise<unknown>) => async () => {
  const c0 = process.cpuUsage();
  const wall = await timed(f);
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
};

export async function benchAudit(): Promise<Record<string, number | string>> {
  const dir = mkdtempSync(join(tmpdir(), 'council-bench-audit-'));
  const config = loadConfig({
    COUNCIL_DB: join(dir, 'council.db'),
    COUNCIL_AUDIT_KEY_FILE: join(dir, 'audit.key'),
  });
  const store = openStore(config.database);
  try {
    await migrate(store);
    const service = new ProcedureService(store, { clock: procedureNow, audit: config.audit });
    const members = membersOn(PROCEDURE_DAY);
    await service.addUser({ name: 'sec', role: 'secretariat', password: PASSWORD }, 'bench');
    const delegations: Actor[] = [];
    for (const s of members) {
      const name = `d-${s.toLowerCase()}`;
      await service.addUser({ name, role: 'delegation', state: s, password: PASSWORD }, 'bench');
      delegations.push(await service.authenticate((await service.login({ name, password: PASSWORD })).token));
    }
    await sql`create table bench_entry (seq integer primary key, at text, actor text, action text, target text, detail text, prev_hash text, hash text)`.execute(
      store.db,
    );
    await sql`create table bench_ballot (procedure_id text, state text, vote text, user_id text, received_at text, digest text, audit_seq integer, primary key (procedure_id, state))`.execute(
      store.db,
    );
    const sec = await service.authenticate((await service.login({ name: 'sec', password: PASSWORD })).token);
    const vote: number[] = [];
    const voteCpu: number[] = [];
    const bare: number[] = [];
    let seq = 0;
    for (let p = 0; p < PROCEDURES; p++) {
      const { id } = await service.open(sec, {
        draftSymbol: `S/2025/${800 + p}`,
        title: `Bench ${p}`,
        agendaItemId: 'bench',
        agendaItemTitleEn: 'Bench',
      });
      for (const d of delegations) {
        const r = await cpuMs(() => service.vote(d, id, { vote: 'Y' }))();
        vote.push(r.wall);
        voteCpu.push(r.cpu);
        // Baseline: the same two rows (entry and ballot) written in one transaction into plain tables,
        // with no key, chain, checkpoint or checks.
        bare.push(
          await timed(() =>
            store.db.transaction().execute(async (trx) => {
              seq += 1;
              await sql`insert into bench_entry values (${seq}, 'at', 'bench', 'vote.cast', ${id}, '{}', '0', ${String(seq)})`.execute(
                trx,
              );
              await sql`insert into bench_ballot values (${id}, ${String(seq)}, 'Y', 'u', 'at', 'digest', ${seq})`.execute(
                trx,
              );
            }),
          ),
        );
      }
    }
    const v = await cpuMs(() => verifyAudit(store, config.audit))();
    const report = await verifyAudit(store, config.audit);
    const read = await timed(() => store.db.selectFrom('audit_log').selectAll().execute());
    return {
      votes: vote.length,
      'vote.p50_ms': +percentile(vote, 50).toFixed(2),
      'vote.p95_ms': +percentile(vote, 95).toFixed(2),
      'vote.cpu_p50_ms': +percentile(voteCpu, 50).toFixed(2),
      'baseline_bare_insert.p50_ms': +percentile(bare, 50).toFixed(2),
      'verify.entries': report.entries,
      'verify.ok': String(report.ok),
      'verify.ms': +v.wall.toFixed(1),
      'verify.cpu_ms': +v.cpu.toFixed(1),
      'baseline_read_log.ms': +read.toFixed(1),
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
