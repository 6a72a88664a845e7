// The kit's own suites wired into the runner API the commands use: `run` and `matrix` name suites
// with --suite; the runner gets every registered suite and selects by name and capability.
import type { RunnerApi } from './app.js';

export async function loadKitRunner(): Promise<RunnerApi> {
  const m = await import('../runner/index.js');
  const { SUITES } = await import('../../conformance/suites/index.js');
  return {
    runSuites: (o) => m.runSuites({ ...o, suites: SUITES, only: o.suites }),
    SUITES: Object.fromEntries(SUITES.map((s) => [s.name, { description: s.description, properties: s.properties.map((p) => p.name) }])),
  };
}
