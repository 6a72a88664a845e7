// LocalStack (PyPI `localstack-core`), in host mode (no Docker): `python -m localstack.runtime.main`
// from a venv in `<workDir>/venvs/localstack`, with only SQS enabled and loaded at boot.
//
// Install notes (4.14.0, the last release of the archived open-source repository):
// - Its SQS code uses Python 3.12 syntax (PEP 695 generics in services/sqs/queue.py), so the venv
//   needs Python >= 3.12, although the package metadata says >= 3.10.
// - `[base-runtime]` alone does not start: the runtime's start hook patches moto's IAM config
//   (aws/patches.py imports `moto.core`), twisted's TLS needs `service_identity`, and cbor2 6.x
//   dropped the `cbor2._decoder` module that the protocol parser imports. So the venv gets
//   `localstack-core[base-runtime]==4.14.0 moto-ext==5.1.22 'cbor2<6' service_identity` — much
//   lighter than `[runtime]` (moto-ext[all], awscli, …), which SQS does not need.
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
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadProfile } from '../profiles.js';
import type { Launcher, LaunchOptions, RunningTarget, TargetProfile } from '../types.js';
import { TargetError } from './common.js';
import {
  ensureInstalled,
  freshRunDir,
  frozenVersion,
  httpText,
  installPythonVenv,
  processTarget,
  spawnServer,
  startOnFreePort,
  waitForServer,
  type InstallResult,
} from './process.js';

export const LOCALSTACK_VERSION = '4.14.0';
/** What the SQS provider needs beside `[base-runtime]` (see the header). */
export const LOCALSTACK_EXTRA_REQUIREMENTS = ['moto-ext==5.1.22', 'cbor2<6', 'service_identity'] as const;

/** Installs LocalStack into `<workDir>/venvs/localstack` (once; later calls need no network). */
export function installLocalStack(workDir: string, log?: (line: string) => void, version = LOCALSTACK_VERSION): Promise<InstallResult> {
  const requirements = [`localstack-core[base-runtime]==${version}`, ...LOCALSTACK_EXTRA_REQUIREMENTS];
  return ensureInstalled({
    name: 'localstack',
    workDir,
    dir: join(workDir, 'venvs', 'localstack'),
    want: { package: `localstack-core[base-runtime]==${version}`, with: LOCALSTACK_EXTRA_REQUIREMENTS.join(' ') },
    ...(log ? { log } : {}),
    install: async (ctx) => {
      const got = await installPythonVenv(ctx, 'localstack', 12, requirements);
      return {
        ...got,
        'localstack-core': frozenVersion(ctx.dir, 'localstack-core') ?? '?',
        'moto-ext': frozenVersion(ctx.dir, 'moto-ext') ?? '?',
        cbor2: frozenVersion(ctx.dir, 'cbor2') ?? '?',
      };
    },
  });
}

export interface LocalStackLauncherOptions {
  version?: string;
  profile?: TargetProfile;
  startTimeoutMs?: number;
}

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
  if (typeof profile.flags.GATEWAY_SERVER === 'string') env.GATEWAY_SERVER = profile.flags.GATEWAY_SERVER;
  for (const [k, v] of Object.entries(profile.flags)) {
    if (!k.startsWith('SQS_')) continue;
    env[k] = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  }
  return env;
}

export function localStackLauncher(options: LocalStackLauncherOptions = {}): Launcher {
  const version = options.version ?? LOCALSTACK_VERSION;
  return {
    name: 'localstack',
    async start({ workDir, log = () => {} }: LaunchOptions): Promise<RunningTarget> {
      const profile = options.profile ?? loadProfile('localstack');
      const { dir } = await installLocalStack(workDir, log, version);
      return startOnFreePort(3, async (port) => {
        const runDir = await freshRunDir(workDir, 'localstack', port);
        const env = localStackEnv(port, join(runDir, 'fs'), profile);
        // Inherited SQS_* settings would change the semantics behind the profile's back.
        const unsetEnv = Object.keys(process.env).filter((k) => k.startsWith('SQS_') && !(k in env));
        const proc = await spawnServer({
          name: 'localstack',
          workDir,
          cwd: runDir,
          command: join(dir, 'bin', 'python'),
          args: ['-m', 'localstack.runtime.main'],
          env,
          unsetEnv,
        });
        const endpoint = `http://127.0.0.1:${port}`;
        try {
          await waitForServer(
            'localstack',
            proc,
            async () => {
              const r = await httpText(`${endpoint}/_localstack/health`);
              if (r.status !== 200) return false;
              const sqs = (JSON.parse(r.text) as { services?: Record<string, string> }).services?.sqs;
              if (sqs === 'error') throw new TargetError('start-failed', `LocalStack reports its SQS service in error; log ${proc.logFile}:\n${proc.logTail()}`);
              return sqs === 'available' || sqs === 'running';
            },
            options.startTimeoutMs ?? 120_000,
            200,
            (e) => e instanceof TargetError,
          );
        } catch (e) {
          await proc.stop();
          throw e;
        }
        log(`LocalStack ${version} (SQS only) listening on ${endpoint} (log ${proc.logFile})`);
        return processTarget(profile, endpoint, proc, () => rm(runDir, { recursive: true, force: true }));
      });
    },
  };
}
