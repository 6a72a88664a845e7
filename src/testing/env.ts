// The environment a test suite's SQS clients read: AWS_ENDPOINT_URL_SQS (the SDK for JavaScript v3,
// the AWS CLI and boto3 use it for SQS only), the region and dummy credentials when none are set,
// and SQS_CONFORMANCE_ENDPOINT / SQS_CONFORMANCE_QUEUE_URLS for test files that cannot be handed
// values otherwise (Jest, node:test). Setting returns a function that puts the old values back.
import type { RunningReferenceServer } from './server.js';

/** Names of the variables the helpers set. */
export const ENV = {
  endpoint: 'AWS_ENDPOINT_URL_SQS',
  region: 'AWS_REGION',
  accessKeyId: 'AWS_ACCESS_KEY_ID',
  secretAccessKey: 'AWS_SECRET_ACCESS_KEY',
  kitEndpoint: 'SQS_CONFORMANCE_ENDPOINT',
  kitQueueUrls: 'SQS_CONFORMANCE_QUEUE_URLS',
} as const;

type Env = Record<string, string | undefined>;

/**
 * Points SQS clients at the server: the endpoint always; the region when neither AWS_REGION nor
 * AWS_DEFAULT_REGION is set; dummy credentials when AWS_ACCESS_KEY_ID is not set (a local server
 * takes any). Returns the undo.
 */
export function setSqsEnv(server: Pick<RunningReferenceServer, 'endpoint' | 'region' | 'queueUrls'>, env: Env = process.env): () => void {
  const before = new Map<string, string | undefined>();
  const set = (k: string, v: string) => {
    if (!before.has(k)) before.set(k, env[k]);
    env[k] = v;
  };
  set(ENV.endpoint, server.endpoint);
  set(ENV.kitEndpoint, server.endpoint);
  set(ENV.kitQueueUrls, JSON.stringify(server.queueUrls));
  if (!env.AWS_REGION && !env.AWS_DEFAULT_REGION) set(ENV.region, server.region);
  if (!env.AWS_ACCESS_KEY_ID) {
    set(ENV.accessKeyId, 'test');
    set(ENV.secretAccessKey, 'test');
  }
  return () => {
    for (const [k, v] of before) {
      if (v === undefined) delete env[k];
      else env[k] = v;
    }
  };
}

/** In a test file: the queue URLs the setup created (SQS_CONFORMANCE_QUEUE_URLS), by name. */
export function queueUrlsFromEnv(env: Env = process.env): Record<string, string> {
  const raw = env[ENV.kitQueueUrls];
  if (raw === undefined) throw new Error(`${ENV.kitQueueUrls} is not set: is the sqs-conformance global setup configured?`);
  return JSON.parse(raw) as Record<string, string>;
}
