// `serve`: the reference server as a local SQS (JSON 1.0 and Query) until SIGINT/SIGTERM, then a
// clean stop (exit 0). The URL goes to stdout (one line, for scripts); server log lines go to
// stderr. A port in use or an address that cannot be bound is one error line and exit 2.
// `--queues FILE` creates queues before the server listens (src/server/queues-file.ts); a file
// that cannot be read, is not JSON, has unknown fields or an attribute SQS refuses is one error line
// and exit 2, and nothing listens. `GET /health` answers 200 once the server listens (its queues
// made); `--log requests` prints one line per answered request on stderr (time, action, queue,
// status, ms; src/server/observe.ts).
import { resolve } from 'node:path';
import { Option, type OptionValues } from 'commander';
import type { QueueDefinition, ReferenceServer } from '../../server/index.js';
import { EXIT, type CliDeps, type CliIO, type CommandDefinition, type Result } from '../contracts.js';
import { fail, load, messageOf, PREFIX } from '../io.js';
import { checked, err, oneOf, ok, option, parseInteger, parseRegion, quote } from '../parse.js';

export interface ServeCommandOptions {
  port: number;
  host: string;
  /** Region of queue ARNs (default: the server's, us-east-1). */
  region?: string;
  /** Account id of queue URLs and ARNs (default: the server's, 000000000000). */
  accountId?: string;
  /** JSON file of queues to create at start (src/server/queues-file.ts). */
  queues?: string;
  /** What to log on stderr besides errors: `requests`, one line per request. */
  log?: 'requests';
  /** µs of busy polling after a request (0: off; default: the server's, DEFAULT_BUSY_POLL_MICROS). */
  busyPoll?: number;
}

export const SERVE_LOGS = ['requests'] as const;

/** 9324 is the port local SQS servers customarily use (ElasticMQ's default). */
export const SERVE_DEFAULTS = { port: 9324, host: '127.0.0.1' } as const;

/** A host name, an IPv4 address or an IPv6 address (brackets allowed and removed). */
export function parseHost(raw: string): Result<string> {
  const s = raw.trim().replace(/^\[(.*)\]$/, '$1');
  const hostname = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*\.?$/;
  const ipv6 = /^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$/;
  if (!hostname.test(s) && !ipv6.test(s)) return err(`--host must be a host name or an IP address, got ${quote(raw)}`);
  return ok(s);
}

export function validateServeOptions(raw: OptionValues): Result<ServeCommandOptions> {
  const o: ServeCommandOptions = { ...SERVE_DEFAULTS };
  // sqs-semantics.md 2: ARN `arn:aws:sqs:<region>:<account-id>:<name>`, URL `…/<account-id>/<name>`.
  const accountId = (v: string): Result<string> => (/^\d{12}$/.test(v) ? ok(v) : err(`--account-id must be 12 digits, got ${quote(v)}`));
  return checked(
    o,
    option(raw, 'port', (v) => parseInteger('--port', v, 0, 65535), (n) => (o.port = n)) ??
      option(raw, 'host', parseHost, (h) => (o.host = h)) ??
      option(raw, 'region', (v) => parseRegion('--region', v), (r) => (o.region = r)) ??
      option(raw, 'accountId', accountId, (a) => (o.accountId = a)) ??
      option(raw, 'queues', (v): Result<string> => (v.trim() === '' ? err('--queues needs a file name') : ok(v)), (f) => (o.queues = f)) ??
      option(raw, 'log', (v) => oneOf('--log', v, SERVE_LOGS), (l) => (o.log = l)) ??
      option(raw, 'busyPoll', (v) => parseInteger('--busy-poll', v, 0, 10_000), (n) => (o.busyPoll = n)),
  );
}

export const serveCommand: CommandDefinition<ServeCommandOptions> = {
  name: 'serve',
  define: (c) =>
    void c
      .description('run the reference server as a local SQS (JSON 1.0 and Query) until Ctrl-C')
      .addOption(new Option('--port <n>', `port to listen on, 0 for any free one (default ${SERVE_DEFAULTS.port})`))
      .addOption(new Option('--host <host>', `address to listen on (default ${SERVE_DEFAULTS.host})`))
      .addOption(new Option('--region <region>', 'region of queue ARNs (default us-east-1)'))
      .addOption(new Option('--account-id <id>', 'account id of queue URLs and ARNs (default 000000000000)'))
      .addOption(new Option('--log <what>', `also print on stderr: ${SERVE_LOGS.join(', ')} (one line per request: time, action, queue, status, ms)`))
      .addOption(new Option('--busy-poll <us>', 'µs to keep polling for the next request after answering one, 0 for off (default 100): lower latency for one busy client, at most that much CPU per burst'))
      .addOption(new Option('--queues <file>', 'JSON file of queues to create at start: { "queues": [ { "name", "attributes", "tags", "deadLetter": { "name", "maxReceiveCount" } } ] }')),
  validate: validateServeOptions,
  run: serve,
};

async function serve(o: ServeCommandOptions, io: CliIO, deps: CliDeps): Promise<number> {
  const api = await load(io, 'the reference server', () => deps.loadServer());
  if (!api) return EXIT.usage;
  let queues: QueueDefinition[] | undefined;
  if (o.queues !== undefined) {
    const read = await api.readQueuesFile(resolve(io.cwd, o.queues));
    // The error names the file as the user wrote it, not its absolute path.
    if (!read.ok) return fail(io, read.error.split(resolve(io.cwd, o.queues)).join(o.queues));
    queues = read.value;
  }
  let signalled: (signal: string) => void = () => {};
  const stopSignal = new Promise<string>((resolve) => {
    signalled = resolve;
  });
  let stopping = false;
  const unsubscribe = io.onSignal((signal) => {
    if (stopping) {
      io.stderr.write(`${PREFIX}: ${signal} again: leaving at once\n`);
      io.exitNow(EXIT.interrupted);
      return;
    }
    stopping = true;
    signalled(signal);
  });
  try {
    let server: ReferenceServer;
    try {
      server = await api.startReferenceServer({
        port: o.port,
        host: o.host,
        ...(o.region !== undefined ? { region: o.region } : {}),
        ...(o.accountId !== undefined ? { accountId: o.accountId } : {}),
        ...(queues !== undefined ? { queues } : {}),
        ...(o.busyPoll !== undefined ? { busyPollMicros: o.busyPoll } : {}),
        ...(o.log === 'requests' ? { onRequest: (entry) => void io.stderr.write(`${api.formatRequestLine(entry)}\n`) } : {}),
        // The listening line is printed below on stdout; the rest (internal failures) on stderr.
        log: (line) => {
          if (!line.startsWith('reference server listening')) io.stderr.write(`${PREFIX}: ${line.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
        },
      });
    } catch (e) {
      if (e instanceof Error && e.name === 'QueuesFileError') return fail(io, `queues file ${o.queues ?? ''}: ${messageOf(e)}`);
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'EADDRINUSE' ? 'the port is in use' : code === 'EADDRNOTAVAIL' ? 'the address is not on this machine' : messageOf(e);
      return fail(io, `cannot listen on ${o.host}:${o.port}: ${why}`);
    }
    io.stdout.write(`${PREFIX}: reference SQS server on ${server.url} (JSON 1.0 and Query; Ctrl-C to stop)\n`);
    if (queues !== undefined) {
      const names = Object.keys(api.queueUrlsOf(server.engine, queues));
      io.stderr.write(`${PREFIX}: ${names.length} queue${names.length === 1 ? '' : 's'} from ${o.queues ?? ''}: ${names.join(', ')}\n`);
    }
    const signal = await stopSignal;
    io.stderr.write(`${PREFIX}: ${signal}: stopping the reference server\n`);
    await server.stop();
    io.stderr.write(`${PREFIX}: stopped\n`);
    return EXIT.conformant;
  } finally {
    unsubscribe();
  }
}
