import { it } from 'vitest';
import { runSuites } from '../../src/runner/index.js';
import { startReferenceServer } from '../../src/server/index.js';
import { createPort, loadProfile } from '../../src/target/index.js';
import { SUITES } from '../../conformance/suites/index.js';
import { LIFECYCLE_IDS } from '../../src/check/index.js';

it('coverage per seed', async () => {
  const server = await startReferenceServer({ port: 0, host: '127.0.0.1' });
  const profile = loadProfile('reference');
  const target = { profile, endpoint: server.url, client: () => createPort(profile, server.url), stop: async () => {} };
  for (const seed of [1, 2, 3, 7]) {
    const t0 = Date.now();
    const r = await runSuites({ target, suites: SUITES, only: ['lifecycle'], properties: ['visibility','delay','long-poll','visibility-cap','body','validation'], seed, concurrency: 16, strictness: 'typical' });
    const missing = LIFECYCLE_IDS.filter((id) => !r.exercised[id]);
    console.log(seed, r.verdict, Date.now() - t0, 'ms missing:', missing.join(' '), JSON.stringify(r.exercised));
  }
  await server.stop();
}, 600_000);
