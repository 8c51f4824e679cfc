import path from 'node:path';
import { createEngine } from '../src/engine/engine.ts';
import { createApp } from './api/app.ts';
import { parseArgs, parseIntFlag, runCli, usage, UsageError } from './cli/args.ts';
import { DEFAULT_OUT_DIR } from './paths.ts';
import { nodePlatform } from './runtime/nodePlatform.ts';

const FLAGS = {
  data: { type: 'string', description: `catalog directory (default ${path.relative(process.cwd(), DEFAULT_OUT_DIR)})` },
  port: { type: 'string', description: 'port to listen on (default 8080; 0 picks a free one)' },
  host: { type: 'string', description: 'address to listen on (default 127.0.0.1; 0.0.0.0 for every interface)' },
  cors: { type: 'string', description: 'the one browser origin allowed to call the API (default: none)' },
  'log-level': { type: 'string', description: 'info (default: a JSON line per request), warn, error or silent' },
  help: { type: 'boolean', description: 'show this help' },
} as const;

const LOG_LEVELS = ['info', 'warn', 'error', 'silent'];

/**
 * `npm run serve`: the HTTP API (tools/api/) over a built catalog. It listens at once and
 * answers 503 until the stage a route needs has loaded; a catalog that cannot load stops it.
 * SIGTERM and SIGINT finish the requests in flight, then exit.
 */
runCli(async () => {
  const { flags, positionals } = parseArgs(process.argv.slice(2), FLAGS);
  if (flags.help) return console.log(usage('npm run serve -- [--data DIR] [--port 8080] [--host 127.0.0.1] [--cors ORIGIN]', FLAGS));
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const port = parseIntFlag('port', flags.port, 0, 65535) ?? 8080;
  const host = flags.host ?? '127.0.0.1';
  const level = flags['log-level'] ?? 'info';
  if (!LOG_LEVELS.includes(level)) throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, got "${level}"`);
  if (flags.cors !== undefined && !/^https?:\/\/[^/\s]+$/.test(flags.cors)) throw new UsageError(`--cors must be an origin such as https://example.org (scheme and host, no path), got "${flags.cors}"`);
  const dataDir = path.resolve(flags.data ?? DEFAULT_OUT_DIR);

  const engine = createEngine(nodePlatform(dataDir));
  const app = await createApp({ engine, cors: flags.cors, logger: { level } });
  await app.listen({ port, host });

  let closing = false;
  const shutDown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'finishing the requests in flight, then exiting');
    await app.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutDown('SIGTERM'));
  process.on('SIGINT', () => void shutDown('SIGINT'));

  const status = await engine.init((stage, s) => {
    if (s.state === 'ready') app.log.info({ stage, ms: s.ms, ...(s.device && { device: s.device }) }, `${stage} ready`);
    if (s.state === 'failed') app.log.error({ stage, error: s.error }, `${stage} failed to load`);
  });
  // Without titles and vectors there is nothing to answer: fail where an operator looks.
  const fatal = (['catalog', 'index'] as const).find((s) => status[s].state === 'failed');
  if (fatal) {
    await app.close();
    throw new Error(`the ${fatal} at ${dataDir} did not load: ${status[fatal].error}${status[fatal].error?.includes('manifest.json is missing') ? ' (run `npm run catalog` first, or pass --data DIR)' : ''}`);
  }
});
