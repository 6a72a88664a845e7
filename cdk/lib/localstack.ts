// LocalStack for the CDK flow: the launcher of src/target/launchers/localstack.ts starts SQS only;
// `cdklocal bootstrap` and `deploy` also need CloudFormation, S3, STS, IAM and SSM, and IAM/STS/SSM
// fall back to moto, so this venv has `localstack-core[runtime]` (moto-ext[all]) rather than
// `[base-runtime]`, installed from its lock, peers/localstack-cdk. Install notes (found here, 2026-11):
// - Python >= 3.13: with [runtime], SQS requests fail on 3.12 (`cannot import name 'deprecated' from
//   'warnings'`, a 3.13 addition) and on 3.11 (PEP 695 syntax in services/sqs/queue.py);
// - `cbor2<6` (6.x dropped `cbor2._decoder`, which the protocol parser imports);
// - `service_identity` (twisted's TLS); `pyOpenSSL<24.3` with `cryptography<44` (the self-signed
//   certificate fallback calls X509.add_extensions, removed in pyOpenSSL 24.3); `joserfc<1.1` (its
//   later versions want cryptography >= 45).
// The environment is the launcher's own (localStackEnv: loopback, path-style queue URLs, no DNS
// server, no analytics), with SERVICES widened.
import { join } from 'node:path';
import { loadProfile } from '../../src/target/index.js';
import { localStackEnv } from '../../src/target/launchers/localstack.js';
import { ensurePeerInstalled } from '../../src/target/launchers/locked.js';
import { startOnFreePort } from '../../src/target/launchers/ports.js';
import { freshRunDir, httpText, spawnServer, waitForServer } from '../../src/target/launchers/spawn.js';

export const CDK_SERVICES = 'cloudformation,s3,sts,iam,ssm,sqs';
export interface LocalStackForCdk {
  endpoint: string;
  logFile: string;
  stop(): Promise<void>;
}

/** Installs (once, from its lock) and starts LocalStack with the services CDK needs; `port` 0 = any free one. */
export async function startLocalStackForCdk(workDir: string, log: (line: string) => void = () => {}, port = 0): Promise<LocalStackForCdk> {
  const { dir, marker } = await ensurePeerInstalled('localstack-cdk', workDir, { log });
  const profile = loadProfile('localstack');
  const start = async (port: number): Promise<LocalStackForCdk> => {
    const runDir = await freshRunDir(workDir, 'localstack-cdk', port);
    const env = { ...localStackEnv(port, join(runDir, 'fs'), profile), SERVICES: CDK_SERVICES };
    const proc = await spawnServer({
      name: 'localstack-cdk',
      workDir,
      cwd: runDir,
      command: join(dir, 'bin', 'python'),
      args: ['-m', 'localstack.runtime.main'],
      env,
      unsetEnv: Object.keys(process.env).filter((k) => (k.startsWith('SQS_') || k.startsWith('AWS_')) && !(k in env)),
    });
    const endpoint = `http://127.0.0.1:${port}`;
    try {
      await waitForServer(
        'localstack-cdk',
        proc,
        async () => {
          const r = await httpText(`${endpoint}/_localstack/health`);
          if (r.status !== 200) return false;
          const services = (JSON.parse(r.text) as { services?: Record<string, string> }).services ?? {};
          return CDK_SERVICES.split(',').every((s) => services[s] === 'available' || services[s] === 'running');
        },
        180_000,
        250,
      );
    } catch (e) {
      await proc.stop();
      throw e;
    }
    log(`LocalStack ${marker.want['localstack-core'] ?? '?'} (${CDK_SERVICES}) on ${endpoint}, log ${proc.logFile}`);
    return { endpoint, logFile: proc.logFile, stop: () => proc.stop() };
  };
  return port === 0 ? startOnFreePort(3, start) : start(port);
}
