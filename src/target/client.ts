// Picks the port for a profile: the JSON 1.0 SDK port or our Query port.
import { createJsonPort } from './json-port.js';
import type { PortOptions } from './port-common.js';
import { createQueryPort } from './query-port.js';
import type { Protocol, SqsPort, TargetProfile } from './types.js';

export interface ClientOptions {
  credentials?: PortOptions['credentials'];
  requestTimeoutMs?: number;
  firstByteTimeoutMs?: number;
  connectionTimeoutMs?: number;
  /** Overrides the profile's protocol (for targets that speak both). */
  protocol?: Protocol;
}

export function createPort(profile: TargetProfile, endpoint: string, options: ClientOptions = {}): SqsPort {
  const portOptions: PortOptions = { endpoint, region: profile.region };
  if (options.credentials) portOptions.credentials = options.credentials;
  if (options.requestTimeoutMs !== undefined) portOptions.requestTimeoutMs = options.requestTimeoutMs;
  if (options.firstByteTimeoutMs !== undefined) portOptions.firstByteTimeoutMs = options.firstByteTimeoutMs;
  if (options.connectionTimeoutMs !== undefined) portOptions.connectionTimeoutMs = options.connectionTimeoutMs;
  if (profile.realAws) portOptions.realAws = true;
  const protocol = options.protocol ?? profile.protocol;
  return protocol === 'query' ? createQueryPort(portOptions) : createJsonPort(portOptions);
}

