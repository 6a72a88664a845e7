// Runs a workload on a server started on a VirtualClock (the reference server, injected by the
// caller so that src/settings does not depend on src/server), next to the model's prediction.
import { VirtualClock, type Clock } from '../clock/index.js';
import { createJsonPort } from '../target/json-port.js';
import { simulate } from './simulate.js';
import type { WorkloadResult, WorkloadSpec } from './workload.js';
import { QuiescentGate, runWorkloadOnTarget } from './workload-target.js';

export interface StartedServer {
  url: string;
  stop(): Promise<void>;
}

export type StartServer = (clock: Clock) => Promise<StartedServer>;

export interface Comparison {
  model: WorkloadResult;
  server: WorkloadResult;
  /** Real milliseconds each took. */
  elapsedMs: { model: number; server: number };
}

export async function runWorkloadOnServer(spec: WorkloadSpec, startServer: StartServer): Promise<WorkloadResult> {
  const gate = new QuiescentGate(new VirtualClock());
  const server = await startServer(gate.serverClock);
  try {
    return await runWorkloadOnTarget(spec, { gate, client: () => createJsonPort({ endpoint: server.url, region: 'us-east-1', requestTimeoutMs: 120_000 }) });
  } finally {
    await server.stop();
  }
}

/** The model's prediction and the server's actual run of the same workload. */
export async function compareWithServer(spec: WorkloadSpec, startServer: StartServer): Promise<Comparison> {
  const t0 = performance.now();
  const model = simulate(spec);
  const t1 = performance.now();
  const server = await runWorkloadOnServer(spec, startServer);
  const t2 = performance.now();
  return { model, server, elapsedMs: { model: Math.round(t1 - t0), server: Math.round(t2 - t1) } };
}
