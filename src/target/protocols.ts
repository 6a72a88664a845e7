// The wire protocols a target speaks, and a running target spoken to over one of them. No SDK here
// (the CLI reads these before it loads the ports).
import type { Protocol, RunningTarget, TargetProfile } from './types.js';

export const PROTOCOLS: readonly Protocol[] = ['json', 'query'];

/**
 * The protocols a target speaks: its `json` / `query` capabilities (conformance/targets/*.json), or
 * only its profile's protocol when it lists neither.
 */
export function protocolsOf(profile: Pick<TargetProfile, 'capabilities' | 'protocol'>): Protocol[] {
  const listed = PROTOCOLS.filter((p) => profile.capabilities.includes(p));
  return listed.length > 0 ? listed : [profile.protocol];
}

/**
 * The same running target spoken to over `protocol` (issue 12: `--protocol json|query|both`): its
 * profile says that protocol (reports and histories record it), and every client asks for it. A
 * client that answers in another protocol is refused rather than silently mislabelled.
 */
export function withProtocol(target: RunningTarget, protocol: Protocol): RunningTarget {
  if (target.profile.protocol === protocol) return target;
  return {
    profile: { ...target.profile, protocol },
    endpoint: target.endpoint,
    client: () => {
      const port = target.client({ protocol });
      if (port.protocol !== protocol) {
        port.close();
        throw new Error(`target ${target.profile.name} gave a ${port.protocol} client when ${protocol} was asked for`);
      }
      return port;
    },
    stop: () => target.stop(),
  };
}
