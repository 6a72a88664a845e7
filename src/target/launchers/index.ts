// Launcher registry: a name (as in a profile's `launcher` field or `--target NAME`) → Launcher.
import type { Launcher, TargetProfile } from '../types.js';
import { TargetError } from './common.js';
import { endpointLauncher } from './endpoint.js';
import { fauxqsLauncher } from './fauxqs.js';
import { elasticMqLauncher } from './elasticmq.js';
import { goawsLauncher } from './goaws.js';
import { localAwsSqsLauncher } from './local-aws-sqs.js';
import { localStackLauncher } from './localstack.js';
import { motoLauncher } from './moto.js';
import { sqsliteLauncher } from './sqslite.js';

export * from './common.js';
export * from './endpoint.js';
export * from './fauxqs.js';
export * from './local-aws-sqs.js';
export * from './sqslite.js';
export * from './moto.js';
export * from './elasticmq.js';
export * from './goaws.js';
export * from './localstack.js';
export * from './install.js';
export * from './install-lock.js';
export * from './lock-check.js';
export * from './locked.js';
export * from './peer-locks.js';
export * from './peer.js';
export * from './ports.js';
export * from './python.js';
export * from './spawn.js';

/**
 * Launchers that start a server themselves. `endpoint` (and real AWS) need a URL instead.
 * `reference` is the kit's own server: src/server/launcher.ts adds it to this registry.
 */
export const LAUNCHER_NAMES = ['reference', 'fauxqs', 'local-aws-sqs', 'sqslite', 'moto', 'elasticmq', 'goaws', 'localstack'] as const;
export type LauncherName = (typeof LAUNCHER_NAMES)[number] | 'endpoint';

export interface LauncherForOptions {
  /** Overrides the shipped profile of that name. */
  profile?: TargetProfile;
  /** For `endpoint`: the URL to use. */
  endpoint?: string;
}

/**
 * The launcher of that name, or undefined for a name that is not a launcher (the caller may then
 * look for a profile of that name). `requireLauncher` throws a typed error instead.
 */
export function launcherFor(name: string, options: LauncherForOptions = {}): Launcher | undefined {
  const profile = options.profile ? { profile: options.profile } : {};
  switch (name) {
    case 'fauxqs':
      return fauxqsLauncher(profile);
    case 'local-aws-sqs':
      return localAwsSqsLauncher(profile);
    case 'sqslite':
      return sqsliteLauncher(profile);
    case 'moto':
      return motoLauncher(profile);
    case 'elasticmq':
      return elasticMqLauncher(profile);
    case 'goaws':
      return goawsLauncher(profile);
    case 'localstack':
      return localStackLauncher(profile);
    case 'endpoint':
      return endpointLauncher({ ...profile, ...(options.endpoint ? { endpoint: options.endpoint } : {}) });
    default:
      return undefined;
  }
}

export function requireLauncher(name: string, options: LauncherForOptions = {}): Launcher {
  const l = launcherFor(name, options);
  if (!l) {
    throw new TargetError('unknown-launcher', `unknown launcher "${name}" (known: ${[...LAUNCHER_NAMES, 'endpoint'].join(', ')})`);
  }
  return l;
}
