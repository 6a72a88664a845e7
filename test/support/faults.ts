// A target that puts a client-side fault between the recorder and a reference server: the history
// records what the client asked and got, the wire carries something else (the suites' fault tests).
import type { ReferenceServer } from '../../src/server/index.js';
import { createPort, loadProfile, type CallResult, type RunningTarget, type SqsPort } from '../../src/target/index.js';

export type Fault = (action: string, input: Record<string, unknown>, forward: (input: Record<string, unknown>) => Promise<CallResult>) => Promise<CallResult>;

export function faulty(server: ReferenceServer, name: string, fault: Fault): RunningTarget {
  const profile = { ...loadProfile('reference'), name };
  const client = (): SqsPort => {
    const port = createPort(profile, server.url);
    return { protocol: port.protocol, close: () => port.close(), call: (action, input) => fault(action, input, (i) => port.call(action, i)) };
  };
  return { profile, endpoint: server.url, client, stop: async () => {} };
}
