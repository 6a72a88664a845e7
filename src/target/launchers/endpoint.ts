// A target the kit does not start: any SQS endpoint given by URL (or real AWS). `start` checks that
// something accepts TCP connections there and fails with a typed `unreachable` error otherwise.
import { connect } from 'node:net';
import { createPort, type ClientOptions } from '../client.js';
import { endpointForProfile, loadProfile } from '../profiles.js';
import type { Launcher, LaunchOptions, RunningTarget, TargetProfile } from '../types.js';
import { errorCode } from '../port-common.js';
import { TargetError } from './common.js';

const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
};

/**
 * Resolves to undefined when a TCP connection to the endpoint's host and port succeeds, else to a
 * TargetError such as "cannot reach http://127.0.0.1:9324: connection refused".
 */
export function checkReachable(endpoint: string, timeoutMs = 3000): Promise<TargetError | undefined> {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return Promise.resolve(new TargetError('unreachable', `cannot reach ${endpoint}: not a URL`));
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.resolve(new TargetError('unreachable', `cannot reach ${endpoint}: only http and https are supported`));
  }
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (err?: TargetError) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(err);
    };
    const timer = setTimeout(
      () => done(new TargetError('unreachable', `cannot reach ${endpoint}: no connection within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.once('connect', () => done());
    socket.once('error', (e) => {
      const code = errorCode(e);
      const reason = (code && REASONS[code]) ?? e.message;
      done(new TargetError('unreachable', `cannot reach ${endpoint}: ${reason}`, { cause: e }));
    });
  });
}

export interface EndpointTargetOptions {
  /** The endpoint; defaults to the profile's (or the regional AWS endpoint for real AWS). */
  endpoint?: string;
  /** A profile or the name of a shipped one. Default: `endpoint` (generic, JSON 1.0). */
  profile?: TargetProfile | string;
  /** Overrides the profile's region. */
  region?: string;
}

export type EndpointTargetResult =
  | { ok: true; target: RunningTarget }
  | { ok: false; error: string; cause: TargetError };

function resolveTarget(options: EndpointTargetOptions): { profile: TargetProfile; endpoint: string } {
  const base = typeof options.profile === 'object' ? options.profile : loadProfile(options.profile ?? 'endpoint');
  const profile = options.region ? { ...base, region: options.region } : base;
  const endpoint = (options.endpoint ?? endpointForProfile(profile))?.replace(/\/+$/, '');
  if (!endpoint) throw new TargetError('unreachable', `target "${profile.name}" has no endpoint: pass one`);
  return { profile: { ...profile, endpoint }, endpoint };
}

/** A RunningTarget for an endpoint, without any check. `stop` does nothing. Throws ProfileError/TargetError. */
export function endpointRunningTarget(options: EndpointTargetOptions): RunningTarget {
  const { profile, endpoint } = resolveTarget(options);
  return {
    profile,
    endpoint,
    client: (o?: ClientOptions) => createPort(profile, endpoint, o),
    stop: async () => {},
  };
}

/**
 * A RunningTarget for an endpoint after checking that it is reachable. Never throws: a bad profile
 * or an unreachable endpoint comes back as `{ ok: false, error }` (the CLI exits with code 2).
 */
export async function endpointTarget(options: EndpointTargetOptions): Promise<EndpointTargetResult> {
  let target: RunningTarget;
  try {
    target = endpointRunningTarget(options);
  } catch (e) {
    const cause = e instanceof TargetError ? e : new TargetError('unreachable', (e as Error).message, { cause: e });
    return { ok: false, error: cause.message, cause };
  }
  const err = await checkReachable(target.endpoint);
  return err ? { ok: false, error: err.message, cause: err } : { ok: true, target };
}

/** A Launcher whose `start` only checks that the endpoint is reachable (throws the TargetError). */
export function endpointLauncher(options: EndpointTargetOptions): Launcher {
  return {
    name: 'endpoint',
    async start({ log = () => {} }: LaunchOptions): Promise<RunningTarget> {
      const r = await endpointTarget(options);
      if (!r.ok) throw r.cause;
      log(`using ${r.target.profile.name} at ${r.target.endpoint}`);
      return r.target;
    },
  };
}
