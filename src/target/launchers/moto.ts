// moto (PyPI), started as `moto_server -H 127.0.0.1 -p <port>` from a venv in
// `<workDir>/venvs/moto`. The server extra (`moto[server]`) pulls a heavy set (cfn-lint, docker,
// openapi tooling); its server needs only flask and flask-cors, so those are installed beside plain
// moto. Werkzeug runs threaded, so a long poll does not block other requests. Speaks JSON 1.0 and
// Query (picked per request from the Content-Type). (The venvs live in `<workDir>/venvs/`, not
// `<workDir>/python/`: that folder is itself the boto3/awscli venv of test/support/python.ts, which
// `python -m venv --clear` would empty.) Account 123456789012 (MOTO_ACCOUNT_ID unset);
// region from each request's SigV4 scope; queue URLs follow the request's Host header.
// Ready when `GET /moto-api/` answers 200.
import { join } from 'node:path';
import { loadProfile } from '../profiles.js';
import type { Launcher, LaunchOptions, RunningTarget, TargetProfile } from '../types.js';
import {
  ensureInstalled,
  frozenVersion,
  httpText,
  installPythonVenv,
  processTarget,
  spawnServer,
  startOnFreePort,
  waitForServer,
  type InstallResult,
} from './process.js';

export const MOTO_VERSION = '5.2.5';

/** Installs moto into `<workDir>/venvs/moto` (once; later calls need no network). */
export function installMoto(workDir: string, log?: (line: string) => void, version = MOTO_VERSION): Promise<InstallResult> {
  const requirements = [`moto==${version}`, 'flask', 'flask-cors'];
  return ensureInstalled({
    name: 'moto',
    workDir,
    dir: join(workDir, 'venvs', 'moto'),
    want: { package: `moto==${version}`, with: 'flask flask-cors' },
    ...(log ? { log } : {}),
    install: async (ctx) => {
      const got = await installPythonVenv(ctx, 'moto', 10, requirements);
      return { ...got, moto: frozenVersion(ctx.dir, 'moto') ?? '?', flask: frozenVersion(ctx.dir, 'flask') ?? '?' };
    },
  });
}

export interface MotoLauncherOptions {
  version?: string;
  profile?: TargetProfile;
  startTimeoutMs?: number;
}

export function motoLauncher(options: MotoLauncherOptions = {}): Launcher {
  const version = options.version ?? MOTO_VERSION;
  return {
    name: 'moto',
    async start({ workDir, log = () => {} }: LaunchOptions): Promise<RunningTarget> {
      const profile = options.profile ?? loadProfile('moto');
      const { dir } = await installMoto(workDir, log, version);
      const env: Record<string, string> = { PYTHONUNBUFFERED: '1' };
      const account = profile.flags.accountId;
      if (typeof account === 'string') env.MOTO_ACCOUNT_ID = account;
      return startOnFreePort(3, async (port) => {
        const proc = await spawnServer({
          name: 'moto',
          workDir,
          command: join(dir, 'bin', 'moto_server'),
          args: ['-H', '127.0.0.1', '-p', String(port)],
          env,
        });
        const endpoint = `http://127.0.0.1:${port}`;
        try {
          await waitForServer('moto', proc, async () => (await httpText(`${endpoint}/moto-api/`)).status === 200, options.startTimeoutMs ?? 60_000);
        } catch (e) {
          await proc.stop();
          throw e;
        }
        log(`moto ${version} listening on ${endpoint} (log ${proc.logFile})`);
        return processTarget(profile, endpoint, proc);
      });
    },
  };
}
