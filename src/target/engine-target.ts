// An in-process target over the reference engine (src/spec/engine) on a VirtualClock: no HTTP, but
// what a network does to a client is there. Each call waits a random one-way latency, the engine
// acts, the answer waits another; with `lossRate` the answer is lost after the engine acted (the
// client records `info`, sqs-semantics.md 14 N17). Long polls wait on the clock through the same
// code the reference server runs (spec/engine/long-poll.ts). With `choose: random(seed)` the engine
// takes any outcome the model allows (spec/engine/choose.ts), so its histories explore what SQS may
// do: the checker must judge them Conformant, and catch single mutations of them
// (../shared/DESIGN.md 3, "One model, two readings"). Answers look like what the JSON port records:
// `ok` values in the SDK's output shape, `fail` values as ServiceError.
import type { VirtualClock } from '../clock/index.js';
import type { Action, ServiceError } from '../history/index.js';
import { createEngine, receiveWithWait, seededRandom, Waiters, type Choose, type Engine, type EngineAction, type EngineOptions, type EngineResult } from '../spec/engine/index.js';
import type { ExpectedError } from '../spec/types.js';
import { faultOf, JSON_CONTENT_TYPE, jsonErrorType } from '../wire/index.js';
import { binaryToBytes, toJsonSafe } from './port-common.js';
import { LOCAL_TOLERANCE } from './profiles.js';
import type { CallResult, RunningTarget, SqsPort, TargetProfile } from './types.js';

export interface EngineTargetOptions {
  clock: VirtualClock;
  /** Which allowed outcome the engine takes (default typical). A random choice without retentionSlackMs uses the profile's. */
  choose?: Choose;
  /** One-way latency range in ms, drawn uniformly for the request and for the answer (default [1, 20]). */
  latencyMs?: [number, number];
  /** Probability that an answer is lost after the engine acted (default 0). */
  lossRate?: number;
  /** Actions whose answers are never lost (default CreateQueue and DeleteQueue: a run's setup and cleanup). */
  lossless?: readonly Action[];
  /** Seed of the latency and loss draws (default: the choose seed, else 1). */
  seed?: number;
  /** Default: a local profile named `engine` (LOCAL_TOLERANCE, JSON protocol). */
  profile?: TargetProfile;
  /** Region, account, ids, default MaximumMessageSize of the engine. */
  engine?: Omit<EngineOptions, 'choose' | 'endpoint'>;
  /** Scheme and host of queue URLs (default http://engine.invalid). */
  endpoint?: string;
}

export interface EngineTarget extends RunningTarget {
  /** The engine behind the target (to look at its state in tests). */
  engine: Engine;
}

export function engineProfile(overrides: Partial<TargetProfile> = {}): TargetProfile {
  return {
    name: 'engine',
    description: 'the reference engine in process, on a virtual clock',
    protocol: 'json',
    region: 'us-east-1',
    capabilities: ['fifo', 'dlq', 'dead-letter-sources', 'move-tasks', 'tags', 'permissions', 'batch', 'message-attributes', 'message-system-attributes', 'purge', 'delay', 'retention', 'json'],
    flags: {},
    tolerance: { ...LOCAL_TOLERANCE },
    defaultStrictness: 'typical',
    ...overrides,
  };
}

/** A ServiceError as the JSON port records it (x-amzn-query-error code, `__type` short name; sqs-semantics.md 1.2). */
function serviceError(e: ExpectedError): ServiceError {
  return { code: e.code, type: e.type, message: e.message, httpStatus: e.httpStatus, senderFault: e.httpStatus < 500 };
}

/**
 * The SDK's view of an answer: bytes as base64, no undefined members, and no `Failed` list when no
 * entry failed (AWS leaves it out of a JSON batch answer: aws-recorded-facts.md item 84).
 */
function sdkOutput(value: unknown): Record<string, unknown> {
  const v = toJsonSafe<Record<string, unknown>>(value);
  if (Array.isArray(v['Failed']) && v['Failed'].length === 0 && Array.isArray(v['Successful'])) delete v['Failed'];
  return v;
}

export function startEngineTarget(options: EngineTargetOptions): EngineTarget {
  const { clock } = options;
  const profile = options.profile ?? engineProfile(options.engine?.region ? { region: options.engine.region } : {});
  let choose: Choose = options.choose ?? { kind: 'typical' };
  if (choose.kind === 'random' && choose.retentionSlackMs === undefined) choose = { ...choose, retentionSlackMs: profile.tolerance.retentionSlackMs };
  const endpoint = options.endpoint ?? 'http://engine.invalid';
  const engine = createEngine({ region: profile.region, ...options.engine, endpoint, choose });
  const waiters = new Waiters(engine);
  const pollClock = { nowMs: () => clock.wallMs(), sleep: (ms: number, signal: AbortSignal) => clock.sleep(ms, signal) };
  const random = seededRandom(options.seed ?? (choose.kind === 'random' ? choose.seed ^ 0x5bd1e995 : 1));
  const [latMin, latMax] = options.latencyMs ?? [1, 20];
  const lossRate = options.lossRate ?? 0;
  const lossless = new Set<Action>(options.lossless ?? ['CreateQueue', 'DeleteQueue']);
  let stopped = false;
  let requests = 0;

  const latency = () => latMin + random() * (latMax - latMin);

  async function serve(action: Action, input: Record<string, unknown>): Promise<EngineResult<unknown>> {
    const request = binaryToBytes(input);
    if (action === 'ReceiveMessage') return receiveWithWait(engine, waiters, pollClock, request, { gone: () => stopped });
    return engine.dispatch(action as EngineAction, request, clock.wallMs());
  }

  const client = (): SqsPort => ({
    protocol: 'json',
    async call(action, input): Promise<CallResult> {
      await clock.sleep(latency());
      const result = await serve(action, input);
      await clock.sleep(latency());
      if (lossRate > 0 && !lossless.has(action) && random() < lossRate) {
        return { type: 'info', value: { reason: 'timeout', detail: 'the answer was lost after the engine acted (engine target)' }, meta: { protocol: 'json', attempts: 1 } };
      }
      const requestId = `engine-${++requests}`;
      if ('error' in result) {
        // The envelope the reference server sends over JSON 1.0 (src/wire errors.ts jsonErrorResponse).
        const e = result.error;
        const envelope = { queryError: `${e.code};${faultOf(e.httpStatus)}`, errorType: jsonErrorType(e.type), contentType: JSON_CONTENT_TYPE };
        return { type: 'fail', value: serviceError(e), meta: { protocol: 'json', httpStatus: e.httpStatus, requestId, attempts: 1, ...envelope } };
      }
      return { type: 'ok', value: sdkOutput(result.ok), meta: { protocol: 'json', httpStatus: 200, requestId, attempts: 1 } };
    },
    close() {},
  });

  return {
    profile,
    endpoint,
    engine,
    client,
    async stop() {
      stopped = true;
      waiters.wakeAll();
    },
  };
}
