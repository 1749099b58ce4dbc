import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';
import { registerConsole } from '../web/console-routes.ts';

/** The written-procedure console: forms for the Secretariat, delegations and the President. */
export default async function consolePages(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await registerConsole(app, ctx);
}
