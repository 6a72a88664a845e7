// startReferenceServer for other people's test suites: the reference server in-process on the real
// clock, on 127.0.0.1 and a free port by default, with the queues of a queues file (the same shape
// as `serve --queues FILE`, src/server/queues-file.ts) created before it listens.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  queueUrlsOf,
  readQueuesFile,
  startReferenceServer as startServer,
  validateQueues,
  type QueueDefinition,
  type QueuesFile,
  type ReferenceServerOptions,
} from '../server/index.js';

export interface TestingServerOptions {
  /** 0 (default) = any free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Region of queue ARNs and of the SDK clients (default us-east-1). */
  region?: string;
  /** Account id of queue URLs and ARNs (default 000000000000). */
  accountId?: string;
  /**
   * Queues to create at start: the queues file's content (`{ queues: [...] }` or the list), or the
   * path of such a JSON file (relative to the current folder) or its file: URL
   * (`new URL('./queues.json', import.meta.url)`).
   */
  queues?: string | URL | QueuesFile | readonly QueueDefinition[];
  /** Server log lines (internal failures only); default: none. */
  log?: (line: string) => void;
}

export interface RunningReferenceServer {
  /** `http://127.0.0.1:<port>`: give it to SQS clients (AWS_ENDPOINT_URL_SQS, `endpoint`). */
  endpoint: string;
  region: string;
  accountId: string;
  /** The URL of each queue of `queues` (and of the dead-letter queues they made), by name. */
  queueUrls: Record<string, string>;
  stop(): Promise<void>;
}

export const TESTING_DEFAULTS = { host: '127.0.0.1', region: 'us-east-1', accountId: '000000000000' } as const;

/** The definitions `queues` names; a bad file or shape throws one line. */
export async function queueDefinitions(queues: TestingServerOptions['queues']): Promise<QueueDefinition[]> {
  if (queues === undefined) return [];
  if (typeof queues === 'string' || queues instanceof URL) {
    const r = await readQueuesFile(typeof queues === 'string' ? resolve(queues) : fileURLToPath(queues));
    if (!r.ok) throw new Error(r.error);
    return r.value;
  }
  const r = validateQueues(queues);
  if (!r.ok) throw new Error(`queues: ${r.error}`);
  return r.value;
}

/** Starts the reference server; `stop()` closes it (and any long poll still waiting). */
export async function startReferenceServer(options: TestingServerOptions = {}): Promise<RunningReferenceServer> {
  const region = options.region ?? TESTING_DEFAULTS.region;
  const accountId = options.accountId ?? TESTING_DEFAULTS.accountId;
  const queues = await queueDefinitions(options.queues);
  const serverOptions: ReferenceServerOptions = { port: options.port ?? 0, host: options.host ?? TESTING_DEFAULTS.host, region, accountId, queues };
  if (options.log) serverOptions.log = options.log;
  const server = await startServer(serverOptions);
  return {
    endpoint: server.url,
    region,
    accountId,
    queueUrls: queueUrlsOf(server.engine, queues),
    stop: () => server.stop(),
  };
}
