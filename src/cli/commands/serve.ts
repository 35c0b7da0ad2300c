import type { Command } from 'commander';
import { FupanError } from '../../errors.js';
import { commandContext, type GlobalOptions } from '../context.js';

function parsePort(text: string): number {
  const n = Number(text);
  if (!/^\d{1,5}$/.test(text) || n > 65535)
    throw new FupanError('USAGE', `--port must be 0–65535, not "${text}"`);
  return n;
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the dashboard (BI 看板) and the JSON API; owns the database while it runs')
    .option('--port <n>', 'port to listen on (0 = any free port)', '8080')
    .option(
      '--host <address>',
      'address to listen on; anything but localhost requires the access token',
      '127.0.0.1',
    )
    .action(async (opts: { port: string; host: string }) => {
      const ctx = commandContext(program.opts<GlobalOptions>());
      // Loaded here, not at start-up: the server (HTTP framework, engine) is for this command only.
      const { startServer } = await import('../../server/server.js');
      const server = await startServer({
        loaded: ctx.loaded,
        dbPath: ctx.dbPath,
        host: opts.host,
        port: parsePort(opts.port),
      });
      const out = process.stdout;
      out.write(`fupan serve: ${ctx.dbPath}\n`);
      if (server.requireToken) {
        if (server.tokenCreated) out.write(`access token generated and saved to ${server.configPath}\n`);
        out.write(`open ${server.url}/?token=${server.token}\n`);
        out.write(`API clients send "Authorization: Bearer <token>" (the serverToken in the config)\n`);
      } else {
        out.write(`open ${server.url}/\n`);
      }
      out.write('Ctrl+C stops the server\n');
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          server.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
