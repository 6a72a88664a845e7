// Know the target before judging it: before any scenario, a probe queue (the run's prefix and tag)
// is created and deleted. Anything but an SQS answer ends the run at once with one line: an HTTP
// server that is not SQS, a port that accepts connections and never answers, a refused request.
import type { Clock } from '../clock/index.js';
import type { CallResult, RunningTarget } from '../target/index.js';
import { deleteQueue } from './sweep.js';

/** How long the probe waits for each answer, and how many times a lost one is tried. */
export const PROBE_TIMEOUT_MS = 4_000;
const PROBE_ATTEMPTS = 3;

/** Why the target cannot be judged (thrown by runSuites; the CLI prints its message and exits 2). */
export class TargetUnusableError extends Error {
  override name = 'TargetUnusableError';
}

function protocolName(protocol: string): string {
  return protocol === 'query' ? 'the Query protocol' : 'AWS JSON 1.0';
}

/** One line saying why a CreateQueue answer is not an SQS answer; undefined when it is one. */
export function probeProblem(r: CallResult, endpoint: string, protocol: string): string | undefined {
  if (r.type === 'ok') return typeof r.value.QueueUrl === 'string' ? undefined : `${endpoint} answered CreateQueue without a QueueUrl: not an SQS endpoint?`;
  if (r.type === 'fail') return `${endpoint} refused to create a probe queue: ${r.value.code}${r.value.message ? `: ${r.value.message}` : ''}`;
  const v = r.value;
  const first = v.detail.split('\n')[0]!;
  switch (v.reason) {
    case 'timeout':
      return `${endpoint} did not answer CreateQueue within ${PROBE_TIMEOUT_MS / 1000} s: not an SQS endpoint, or not answering?`;
    case 'connection':
      return `cannot reach ${endpoint}: ${first}`;
    case 'server-error':
      return `${endpoint} answered CreateQueue with a server error (${first})`;
    default:
      return v.httpStatus !== undefined
        ? `${endpoint} answered HTTP ${v.httpStatus} to CreateQueue: not an SQS endpoint (speaking ${protocolName(protocol)})?`
        : `${endpoint} gave no SQS answer to CreateQueue (${first}): not an SQS endpoint?`;
  }
}

/**
 * Creates and deletes `<prefix>probe` (tagged like every queue of the run). Lost answers (reset,
 * 5xx, timeout) are tried again a few times; anything else that is not an SQS answer throws
 * TargetUnusableError. A probe queue that could not be deleted is left to the run's final sweep.
 * Gives false when an abort came before the target answered.
 */
export async function probeTarget(target: RunningTarget, o: { prefix: string; tags: Record<string, string>; clock: Clock; signal?: AbortSignal }): Promise<boolean> {
  const port = target.client({ firstByteTimeoutMs: PROBE_TIMEOUT_MS });
  const protocol = port.protocol;
  try {
    let r: CallResult | undefined;
    for (let attempt = 0; attempt < PROBE_ATTEMPTS && !o.signal?.aborted; attempt++) {
      if (attempt > 0) await o.clock.sleep(300 * attempt, o.signal);
      r = await port.call('CreateQueue', { QueueName: `${o.prefix}probe`, tags: o.tags });
      const lost = r.type === 'info' && (r.value.reason === 'connection' || r.value.reason === 'timeout' || r.value.reason === 'server-error');
      // A silent port is given one more chance only: it must be named within seconds.
      if (!lost || (r.type === 'info' && r.value.reason === 'timeout' && attempt >= 1)) break;
    }
    // Interrupted before the target answered as SQS: nothing to judge it by, nothing created.
    if (!r || (o.signal?.aborted && r.type === 'info')) return false;
    const problem = probeProblem(r, target.endpoint, protocol);
    if (problem !== undefined) throw new TargetUnusableError(problem);
    if (r.type === 'ok') await deleteQueue(port, String(r.value.QueueUrl), o.clock, 10_000);
    return true;
  } finally {
    port.close();
  }
}
