import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { InputError } from '../../core/errors.js';
import { packageRoot } from '../../load/dataset.js';
import { defaultDatabase } from '../../service/paths.js';

/** Serves the built dashboard from web/dist; any other non-API path gets index.html so hash routes work. */
async function registerWeb(app: FastifyInstance): Promise<void> {
  const root = join(packageRoot(), 'web', 'dist');
  if (!existsSync(join(root, 'index.html'))) return;
  const { default: fastifyStatic } = await import('@fastify/static');
  await app.register(fastifyStatic, { root, prefix: '/', index: 'index.html', wildcard: false });
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('run the HTTP API (and the dashboard) on SQLite or PostgreSQL')
    .option('--port <n>', 'port (0 picks a free one)', '8080')
    .option('--host <addr>', 'address to listen on', '127.0.0.1')
    .option('--db <path|url>', 'SQLite file or postgres:// URL (default .chiplaw/chiplaw.sqlite)')
    .action(async (opts: { port: string; host: string; db?: string }) => {
      const port = Number(opts.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`--port: "${opts.port}" is not a port number`, '--port', opts.port);
      const { openService } = await import('../../service/open.js');
      const { buildApp, newSignInToken } = await import('../../api/app.js');
      const opened = await openService(opts.db ?? defaultDatabase());
      const { service } = opened;
      const signInToken = newSignInToken();
      const app = await buildApp({
        service,
        screen: (q) => service.parties.screen(q),
        importList: opened.importList,
        signInToken,
        registerWeb,
        logger: process.env.CHIPLAW_LOG === '1',
      });
      const address = await app.listen({ port, host: opts.host });
      const base = address.replace('[::1]', 'localhost');
      console.log(`chiplaw: listening on ${base} (${service.store.kind}, rule set ${service.data.hash.slice(0, 12)}, lists ${service.parties.version.hash.slice(0, 12)})`);
      if (!(await service.store.hasAnyAdminKey())) {
        const key = await service.store.createApiKey('admin', 'created on first start');
        console.log(`chiplaw: admin API key (shown once): ${key.key}`);
      }
      console.log(`chiplaw: sign in: ${base}/#/signin?token=${signInToken}`);
      console.log(`chiplaw: API docs: ${base}/docs`);
      const stop = async () => {
        await app.close();
        await opened.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
