import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../../app.ts';
import { countRecords } from '../../../store/counts.ts';
import { schemaVersion } from '../../../store/migrate.ts';

export default async function health(app: FastifyInstance, ctx: AppContext): Promise<void> {
  app.get(
    '/health',
    { schema: { tags: ['meta'], summary: 'Liveness and database reachability' } },
    async (_req, reply) => {
      try {
        await sql`select 1`.execute(ctx.store.db);
        return { status: 'ok', database: ctx.store.dialect };
      } catch (e) {
        // The reason goes to the server's log, not to whoever asks: it can name hosts, users and tables.
        _req.log.error({ err: e }, 'health check: the database does not answer');
        return reply.status(503).send({ status: 'unavailable', database: ctx.store.dialect });
      }
    },
  );

  app.get('/api', { schema: { tags: ['meta'], summary: 'What the record holds' } }, async () => ({
    name: 'council-record',
    database: ctx.store.dialect,
    schemaVersion: await schemaVersion(ctx.store),
    counts: await countRecords(ctx.readStore),
    docs: '/api/docs',
  }));
}
