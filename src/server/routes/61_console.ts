import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../app.ts';
import { registerConsole } from '../web/console-routes.ts';

/** The written-procedure console: forms for the Secretariat, delegations and the President. */
export default async function consolePages(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  await registerConsole(app, ctx);
}
