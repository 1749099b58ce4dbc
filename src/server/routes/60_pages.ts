import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app.ts';
import { registerPages } from '../web/routes.ts';

/** The web pages: server-rendered HTML in Chinese and English, readable without JavaScript. */
export default async function pages(app: FastifyInstance, ctx: AppContext): Promise<void> {
  await registerPages(app, ctx.readStore);
}
