// Python clients for the end-to-end tests (test/server/clients.test.ts): boto3 and the AWS CLI,
// in a git-ignored virtual environment `.peers/python`, installed like every peer from its
// committed lock (peers/python-clients/requirements.lock) by the launchers' install routine: once,
// under its lock folder, and again only when the lock changes.
//
// Also here, as Python source run with `python -c`:
// - BRIDGE: a boto3 client driven over stdin/stdout, one JSON request per line, so the same
//   TypeScript scenario drives every client;
// - QUERY_MODEL: botocore speaks SQS over JSON 1.0 and has no setting to pick another protocol,
//   but it loads service models from AWS_DATA_PATH before its own. This script writes an SQS model
//   for the Query protocol there: botocore's own model with `protocol: query`, the xmlName traits
//   (`locationName`) and flattening of AWS's Smithy model (../shared/aws-models/sqs.json) and a
//   `resultWrapper` per operation. boto3 and the AWS CLI then send form-encoded `Action=…`
//   requests and parse XML answers.
//
// Run as a script (`node dist/test/support/python.js`) it only installs: .ci/run does that.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensurePeerInstalled } from '../../src/target/launchers/locked.js';

/** The repository root (test/support in sources, dist/test/support when built). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src'))) return dir;
    dir = dirname(dir);
  }
  throw new Error('cannot find the repository root');
}

export interface PythonPeers {
  venv: string;
  python: string;
  aws: string;
  /** `boto3 x, botocore y, aws-cli z`. */
  versions: string;
}

function run(
  cmd: string,
  args: string[],
  opts: { timeoutMs?: number; env?: NodeJS.ProcessEnv; input?: string } = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    const child = execFile(
      cmd,
      args,
      { timeout: opts.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024, env: opts.env ?? process.env },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1) : 0;
        resolvePromise({ code, stdout: String(stdout), stderr: String(stderr) + (err && code === 1 && !stderr ? err.message : '') });
      },
    );
    if (opts.input !== undefined) child.stdin?.end(opts.input);
  });
}

async function probe(venv: string): Promise<string | undefined> {
  const python = join(venv, 'bin', 'python');
  const aws = join(venv, 'bin', 'aws');
  if (!existsSync(python) || !existsSync(aws)) return undefined;
  const py = await run(python, ['-c', 'import boto3, botocore; print(f"boto3 {boto3.__version__}, botocore {botocore.__version__}")']);
  if (py.code !== 0) return undefined;
  const cli = await run(aws, ['--version'], { env: { ...process.env, AWS_CONFIG_FILE: '/dev/null' } });
  if (cli.code !== 0) return undefined;
  const cliVersion = /aws-cli\/(\S+)/.exec(cli.stdout + cli.stderr)?.[1] ?? '?';
  return `${py.stdout.trim()}, aws-cli ${cliVersion}`;
}

/**
 * The venv with boto3 and the AWS CLI, installed from its lock on first use (needs PyPI once; a
 * minute or so). Throws with pip's last lines when the install fails.
 */
export async function ensurePythonPeers(options: { root?: string; log?: (line: string) => void } = {}): Promise<PythonPeers> {
  const root = options.root ?? repoRoot();
  const { dir: venv } = await ensurePeerInstalled('python-clients', join(root, '.peers'), { ...(options.log ? { log: options.log } : {}) });
  const versions = await probe(venv);
  if (!versions) throw new Error(`${venv}: boto3 or aws does not run after the install (log ${join(root, '.peers', 'logs', 'python-clients-install.log')})`);
  return { venv, python: join(venv, 'bin', 'python'), aws: join(venv, 'bin', 'aws'), versions };
}

/** Environment for boto3/aws: dummy credentials, no user config, no retries, optional model path. */
export function awsEnv(region: string, dataPath?: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('AWS_')) delete env[k];
  Object.assign(env, {
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_DEFAULT_REGION: region,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_MAX_ATTEMPTS: '1',
    AWS_RETRY_MODE: 'standard',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    PYTHONIOENCODING: 'utf-8',
  });
  if (dataPath !== undefined) env.AWS_DATA_PATH = dataPath;
  return env;
}

/**
 * Writes the Query-protocol SQS model under `<venv>/models-query` from botocore's model and the
 * Smithy model at `smithyModel`; returns the folder for AWS_DATA_PATH.
 */
export async function queryModelPath(peers: PythonPeers, smithyModel: string): Promise<string> {
  const out = join(peers.venv, 'models-query');
  const r = await run(peers.python, ['-c', QUERY_MODEL, smithyModel, out]);
  if (r.code !== 0) throw new Error(`building the Query model failed: ${r.stderr.trim().split('\n').slice(-5).join(' | ')}`);
  return out;
}

/** botocore's SQS model turned into a Query-protocol one (see the header comment). */
const QUERY_MODEL = String.raw`
import json, os, sys
import botocore.loaders
smithy_path, out = sys.argv[1], sys.argv[2]
model = botocore.loaders.create_loader().load_service_model('sqs', 'service-2', '2012-11-05')
smithy = json.load(open(smithy_path))['shapes']
shapes = model['shapes']
meta = model['metadata']
meta['protocol'] = 'query'
meta['protocols'] = ['query']
meta['xmlNamespace'] = 'http://queue.amazonaws.com/doc/2012-11-05/'
for k in ('jsonVersion', 'targetPrefix', 'awsQueryCompatible'):
    meta.pop(k, None)
for name, op in model['operations'].items():
    if 'output' in op:
        op['output']['resultWrapper'] = name + 'Result'
for sid, s in smithy.items():
    short = sid.split('#', 1)[1]
    b = shapes.get(short)
    if b is None:
        continue
    for part in ('member', 'key', 'value'):
        xml = s.get(part, {}).get('traits', {}).get('smithy.api#xmlName')
        if xml and part in b:
            b[part]['locationName'] = xml
    for mname, m in (s.get('members') or {}).items():
        t = m.get('traits', {})
        bm = b.get('members', {}).get(mname)
        if bm is None:
            continue
        if 'smithy.api#xmlName' in t:
            bm['locationName'] = t['smithy.api#xmlName']
        if 'smithy.api#xmlFlattened' in t:
            bm['flattened'] = True
            target = shapes.get(bm['shape'])
            if target is not None:
                target['flattened'] = True
d = os.path.join(out, 'sqs', '2012-11-05')
os.makedirs(d, exist_ok=True)
with open(os.path.join(d, 'service-2.json'), 'w') as f:
    json.dump(model, f)
`;

/**
 * boto3 over stdin/stdout. argv: endpoint. Each input line `{"op": "SendMessage", "input": {…}}`
 * (blobs as `{"$b64": "…"}`) answers one line: `{"ok": {…}}` or `{"error": {code, queryCode,
 * message, status, type}}`. The first line says `{"ready": true, "protocol": …}`.
 */
export const BRIDGE = String.raw`
import base64, json, sys
import boto3, botocore
from botocore.config import Config
from botocore.exceptions import ClientError
from botocore import xform_name

def dec(v):
    if isinstance(v, dict):
        if set(v.keys()) == {'$b64'}:
            return base64.b64decode(v['$b64'])
        return {k: dec(x) for k, x in v.items()}
    if isinstance(v, list):
        return [dec(x) for x in v]
    return v

def enc(v):
    if isinstance(v, (bytes, bytearray)):
        return {'$b64': base64.b64encode(bytes(v)).decode('ascii')}
    if isinstance(v, dict):
        return {k: enc(x) for k, x in v.items()}
    if isinstance(v, list):
        return [enc(x) for x in v]
    return v

client = boto3.client('sqs', endpoint_url=sys.argv[1], config=Config(retries={'max_attempts': 1, 'mode': 'standard'}))
print(json.dumps({'ready': True, 'protocol': client.meta.service_model.protocol, 'botocore': botocore.__version__}), flush=True)
for line in sys.stdin:
    if not line.strip():
        continue
    req = json.loads(line)
    try:
        out = getattr(client, xform_name(req['op']))(**dec(req['input']))
        meta = out.pop('ResponseMetadata', {})
        print(json.dumps({'ok': enc(out), 'status': meta.get('HTTPStatusCode')}), flush=True)
    except ClientError as e:
        err = e.response.get('Error', {})
        print(json.dumps({'error': {
            'code': err.get('Code'), 'queryCode': err.get('QueryErrorCode'), 'message': err.get('Message'),
            'type': err.get('Type'), 'status': e.response.get('ResponseMetadata', {}).get('HTTPStatusCode'),
        }}), flush=True)
    except Exception as e:
        print(json.dumps({'error': {'code': 'client:' + type(e).__name__, 'message': str(e)}}), flush=True)
`;

// `node dist/test/support/python.js`: install (CI step), print the versions.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  ensurePythonPeers({ log: (l) => console.log(`python peers: ${l}`) })
    .then((p) => console.log(`python peers: ${p.venv}: ${p.versions}`))
    .catch((e: unknown) => {
      console.error(`python peers: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    });
}

