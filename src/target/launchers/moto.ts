// moto (PyPI), started as `moto_server -H 127.0.0.1 -p <port>` from a venv in
// `<workDir>/venvs/moto`, installed from peers/moto/requirements.lock. The server extra
// (`moto[server]`) pulls a heavy set (cfn-lint, docker, openapi tooling); its server needs only
// flask and flask-cors, so those are locked beside plain moto. Werkzeug runs threaded, so a long
// poll does not block other requests. Speaks JSON 1.0 and Query (picked per request from the
// Content-Type). (The venvs live in `<workDir>/venvs/`, not `<workDir>/python/`: that folder is the
// boto3/awscli venv of the test clients.) Account 123456789012 (MOTO_ACCOUNT_ID unset); region from
// each request's SigV4 scope; queue URLs follow the request's Host header.
// Ready when `GET /moto-api/` answers 200.
import { join } from 'node:path';
import { definePeerLauncher } from './peer.js';
import { httpText } from './spawn.js';

export const motoLauncher = definePeerLauncher({
  name: 'moto',
  command: ({ dir, port, profile }) => {
    const env: Record<string, string> = { PYTHONUNBUFFERED: '1' };
    if (typeof profile.flags.accountId === 'string') env.MOTO_ACCOUNT_ID = profile.flags.accountId;
    return { command: join(dir, 'bin', 'moto_server'), args: ['-H', '127.0.0.1', '-p', String(port)], env };
  },
  ready: async (endpoint) => (await httpText(`${endpoint}/moto-api/`)).status === 200,
  startTimeoutMs: 60_000,
});
