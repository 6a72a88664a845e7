// Reading IAM policy statements for the access rules (E4, E5, E6). PURE.
import type { PolicyStatement } from '../types.js';

/** True for `"*"`, `{"AWS": "*"}` and lists that contain either. */
export function isAnyPrincipal(principal: unknown): boolean {
  if (principal === '*') return true;
  if (Array.isArray(principal)) return principal.some(isAnyPrincipal);
  if (principal && typeof principal === 'object') {
    const aws = (principal as Record<string, unknown>)['AWS'];
    return aws === '*' || (Array.isArray(aws) && aws.includes('*'));
  }
  return false;
}

export function coversAllSqsActions(actions: readonly string[]): boolean {
  return actions.some((a) => a === '*' || a.toLowerCase() === 'sqs:*');
}

/** `Bool: {"aws:SecureTransport": "false"}` (value as string, boolean or a list of them). */
export function deniesInsecureTransport(s: PolicyStatement): boolean {
  if (s.effect !== 'Deny' || !isAnyPrincipal(s.principal) || !coversAllSqsActions(s.actions)) return false;
  for (const [op, block] of Object.entries(s.condition ?? {})) {
    if (op !== 'Bool' && op !== 'BoolIfExists') continue;
    for (const [key, value] of Object.entries(block)) {
      if (key.toLowerCase() !== 'aws:securetransport') continue;
      const values = Array.isArray(value) ? value : [value];
      if (values.some((v) => String(v).toLowerCase() === 'false')) return true;
    }
  }
  return false;
}
