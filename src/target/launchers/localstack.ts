// LocalStack (PyPI `localstack-core`), in host mode (no Docker): `python -m localstack.runtime.main`
// from a venv in `<workDir>/venvs/localstack`, with only SQS enabled and loaded at boot.
//
// Install notes (4.14.0, the last release of the archived open-source repository), as locked in
// peers/localstack (requirements.in says why each top-level package is there):
// - Python 3.13: its code uses 3.12 syntax (PEP 695 generics in services/sqs/queue.py) and imports
//   `warnings.deprecated` (3.13) in utils/tagging.py, although the package metadata says >= 3.10.
// - `[base-runtime]` alone does not start: the runtime's start hook patches moto's IAM config
//   (aws/patches.py imports `moto.core`), twisted's TLS needs `service_identity`, and cbor2 6.x
//   dropped the `cbor2._decoder` module that the protocol parser imports. So the venv gets
//   `localstack-core[base-runtime]==4.14.0 moto-ext==5.1.22 'cbor2<6' service_identity` — much
//   lighter than `[runtime]` (moto-ext[all], awscli, …), which SQS does not need.
// - pyOpenSSL 26.x removed `X509.add_extensions`, which the start-up's TLS certificate needs
//   (utils/crypto.py): pinned to 25.3.0 with cryptography 46.0.5, current when 4.14.0 came out.
//
// Start: SERVICES=sqs, EAGER_SERVICE_LOADING=1, GATEWAY_LISTEN=127.0.0.1:<port>,
// LOCALSTACK_HOST=127.0.0.1:<port>, SQS_ENDPOINT_STRATEGY=path (queue URLs
// `http://127.0.0.1:<port>/queue/<region>/<account>/<name>`, no public DNS needed), DNS_ADDRESS=0
// (no DNS server), FILESYSTEM_ROOT=<a fresh folder per start>, DISABLE_EVENTS=1 (no analytics calls
// to the internet: without it, start-up stalls for about a minute offline) and
// SKIP_SSL_CERT_DOWNLOAD=1, and GATEWAY_SERVER=hypercorn: the default HTTP server (twisted) ignores
// the host part of an IPv4 GATEWAY_LISTEN and binds 0.0.0.0 (runtime/server/twisted.py uses
// TCP4ServerEndpoint without an interface), while hypercorn binds what it is given. No auth token
// is needed. The SQS_* settings that change semantics are
// taken from the profile's flags (LocalStack's defaults: we measure what users get); other SQS_*
// variables in our environment are not passed on. Ready when `GET /_localstack/health` reports sqs
// `available` or `running`.
import { join } from 'node:path';
import type { TargetProfile } from '../types.js';
import { TargetError } from './common.js';
import { definePeerLauncher } from './peer.js';
import { httpText } from './spawn.js';

/** The environment of one start (the profile's SQS_* flags included). */
export function localStackEnv(port: number, fsRoot: string, profile: TargetProfile): Record<string, string> {
  const env: Record<string, string> = {
    SERVICES: 'sqs',
    EAGER_SERVICE_LOADING: '1',
    GATEWAY_LISTEN: `127.0.0.1:${port}`,
    LOCALSTACK_HOST: `127.0.0.1:${port}`,
    SQS_ENDPOINT_STRATEGY: 'path',
    DNS_ADDRESS: '0',
    FILESYSTEM_ROOT: fsRoot,
    DISABLE_EVENTS: '1',
    SKIP_SSL_CERT_DOWNLOAD: '1',
    GATEWAY_SERVER: 'hypercorn',
    PERSISTENCE: '0',
    PYTHONUNBUFFERED: '1',
  };
  // Not set: OVERRIDE_IN_DOCKER=0. On a machine with /.dockerenv LocalStack believes it runs in a
  // container and keeps its files (the TLS certificate among them) in /var/lib/localstack rather
  // than under FILESYSTEM_ROOT; forcing host mode kept them per start, but the matrix then saw
  // retention.expired-late in 1 run of 4 against 2 of 2 without it, so the setting stays as the
  // baselines were recorded.
  if (typeof profile.flags.GATEWAY_SERVER === 'string') env.GATEWAY_SERVER = profile.flags.GATEWAY_SERVER;
  for (const [k, v] of Object.entries(profile.flags)) {
    if (!k.startsWith('SQS_')) continue;
    env[k] = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  }
  return env;
}

export const localStackLauncher = definePeerLauncher({
  name: 'localstack',
  command: ({ dir, port, runDir, profile }) => {
    const env = localStackEnv(port, join(runDir, 'fs'), profile);
    // Inherited SQS_* settings would change the semantics behind the profile's back.
    const unsetEnv = Object.keys(process.env).filter((k) => k.startsWith('SQS_') && !(k in env));
    return { command: join(dir, 'bin', 'python'), args: ['-m', 'localstack.runtime.main'], env, unsetEnv };
  },
  ready: async (endpoint, proc) => {
    const r = await httpText(`${endpoint}/_localstack/health`);
    if (r.status !== 200) return false;
    const sqs = (JSON.parse(r.text) as { services?: Record<string, string> }).services?.sqs;
    if (sqs === 'error') throw new TargetError('start-failed', `LocalStack reports its SQS service in error (log ${proc.logFile})`, { log: proc.logInfo() });
    return sqs === 'available' || sqs === 'running';
  },
  startTimeoutMs: 120_000,
  probeEveryMs: 200,
  describe: (endpoint, s, proc) => `LocalStack ${s.marker.want['localstack-core'] ?? '?'} (SQS only) listening on ${endpoint} (log ${proc.logFile})`,
});
