// Target profiles: what the kit knows about an implementation (protocol, region, capabilities,
// behaviour flags, timing tolerance), loaded from conformance/targets/<name>.json and validated.
// Errors are typed data (ProfileError) so the CLI can print them and exit with code 2.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Strictness } from '../spec/types.js';
import type { Protocol, TargetProfile, Tolerance } from './types.js';

/** Tolerances for servers on this machine (ms). */
export const LOCAL_TOLERANCE: Readonly<Tolerance> = Object.freeze({
  epsilonMs: 50,
  wideEpsilonMs: 500,
  clockSkewMs: 1000,
  retentionSlackMs: 2000,
  wakeMs: 250,
});

/** Tolerances for real AWS over the internet (ms). */
export const AWS_TOLERANCE: Readonly<Tolerance> = Object.freeze({
  epsilonMs: 250,
  wideEpsilonMs: 2000,
  clockSkewMs: 2000,
  retentionSlackMs: 60000,
  wakeMs: 1000,
});

/**
 * Optional features a target may have. Core behaviour (send, receive, delete, visibility, long
 * polling, queue attributes) is assumed; suites that need more check these names.
 */
export const KNOWN_CAPABILITIES = [
  'fifo',
  'high-throughput-fifo',
  'dlq',
  'redrive-allow-policy',
  'dead-letter-sources',
  'move-tasks',
  'tags',
  'permissions',
  'batch',
  'message-attributes',
  'message-system-attributes',
  'purge',
  'delay',
  'retention',
  'kms',
  'json',
  'query',
] as const;
export type Capability = (typeof KNOWN_CAPABILITIES)[number];

export type ProfileErrorCode = 'not-found' | 'invalid-json' | 'invalid-profile';

export class ProfileError extends Error {
  override readonly name = 'ProfileError';
  constructor(
    readonly code: ProfileErrorCode,
    /** File or profile name the error is about. */
    readonly source: string,
    /** One line per problem (for `invalid-profile`). */
    readonly issues: string[] = [],
    message?: string,
  ) {
    super(message ?? (issues.length ? `${source}: ${issues.join('; ')}` : source));
  }
}

const TOLERANCE_KEYS: Array<keyof Tolerance> = ['epsilonMs', 'wideEpsilonMs', 'clockSkewMs', 'retentionSlackMs', 'wakeMs'];
const PROFILE_KEYS = new Set([
  'name',
  'description',
  'protocol',
  'region',
  'endpoint',
  'launcher',
  'capabilities',
  'flags',
  'tolerance',
  'defaultStrictness',
  'realAws',
  '$comment',
]);

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Validates a parsed profile. Missing fields get defaults: protocol `json`, region `us-east-1`, no
 * capabilities or flags, the local (or AWS) tolerance, strictness `typical` (`guaranteed` for AWS).
 */
export function parseProfile(raw: unknown, source = 'profile'): TargetProfile {
  const issues: string[] = [];
  if (!isRecord(raw)) throw new ProfileError('invalid-profile', source, ['a profile is a JSON object']);
  for (const k of Object.keys(raw)) if (!PROFILE_KEYS.has(k)) issues.push(`unknown field "${k}"`);

  const name = raw.name;
  if (typeof name !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(name)) {
    issues.push('"name" must be 1-64 characters of A-Z a-z 0-9 . _ -');
  }
  const realAws = raw.realAws;
  if (realAws !== undefined && typeof realAws !== 'boolean') issues.push('"realAws" must be true or false');
  const isAws = realAws === true;

  const protocol = raw.protocol ?? 'json';
  if (protocol !== 'json' && protocol !== 'query') issues.push('"protocol" must be "json" or "query"');
  const region = raw.region ?? 'us-east-1';
  if (typeof region !== 'string' || !/^[a-z0-9-]{2,32}$/.test(region)) issues.push('"region" must look like us-east-1');

  const endpoint = raw.endpoint;
  if (endpoint !== undefined) {
    if (typeof endpoint !== 'string') issues.push('"endpoint" must be a URL string');
    else {
      try {
        const u = new URL(endpoint);
        if (u.protocol !== 'http:' && u.protocol !== 'https:') issues.push(`"endpoint" must be http or https, got ${u.protocol}`);
      } catch {
        issues.push(`"endpoint" is not a URL: ${endpoint}`);
      }
    }
  }
  const launcher = raw.launcher;
  if (launcher !== undefined && (typeof launcher !== 'string' || launcher === '')) issues.push('"launcher" must be a name');
  const description = raw.description;
  if (description !== undefined && typeof description !== 'string') issues.push('"description" must be a string');

  const capabilities = raw.capabilities ?? [];
  const caps: string[] = [];
  if (!Array.isArray(capabilities)) issues.push('"capabilities" must be an array of names');
  else {
    for (const c of capabilities) {
      if (typeof c !== 'string') issues.push('"capabilities" must hold strings');
      else if (!(KNOWN_CAPABILITIES as readonly string[]).includes(c)) {
        issues.push(`unknown capability "${c}" (known: ${KNOWN_CAPABILITIES.join(', ')})`);
      } else if (!caps.includes(c)) caps.push(c);
    }
  }

  const flagsRaw = raw.flags ?? {};
  const flags: Record<string, string | number | boolean> = {};
  if (!isRecord(flagsRaw)) issues.push('"flags" must be an object');
  else {
    for (const [k, v] of Object.entries(flagsRaw)) {
      if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) flags[k] = v;
      else issues.push(`flag "${k}" must be a string, number or boolean`);
    }
  }

  const base = isAws ? AWS_TOLERANCE : LOCAL_TOLERANCE;
  const tolerance: Tolerance = { ...base };
  const tolRaw = raw.tolerance ?? {};
  if (!isRecord(tolRaw)) issues.push('"tolerance" must be an object');
  else {
    for (const [k, v] of Object.entries(tolRaw)) {
      if (!(TOLERANCE_KEYS as string[]).includes(k)) issues.push(`unknown tolerance "${k}" (known: ${TOLERANCE_KEYS.join(', ')})`);
      else if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) issues.push(`tolerance "${k}" must be a number >= 0`);
      else tolerance[k as keyof Tolerance] = v;
    }
    if (tolerance.wideEpsilonMs < tolerance.epsilonMs) issues.push('tolerance "wideEpsilonMs" must be >= "epsilonMs"');
  }

  const strictness = raw.defaultStrictness ?? (isAws ? 'guaranteed' : 'typical');
  if (strictness !== 'guaranteed' && strictness !== 'typical') issues.push('"defaultStrictness" must be "guaranteed" or "typical"');

  if (issues.length > 0) throw new ProfileError('invalid-profile', source, issues);

  const profile: TargetProfile = {
    name: name as string,
    protocol: protocol as Protocol,
    region: region as string,
    capabilities: caps,
    flags,
    tolerance,
    defaultStrictness: strictness as Strictness,
  };
  if (description !== undefined) profile.description = description as string;
  if (endpoint !== undefined) profile.endpoint = endpoint as string;
  if (launcher !== undefined) profile.launcher = launcher as string;
  if (realAws !== undefined) profile.realAws = realAws as boolean;
  return profile;
}

/** The repository (or installed package) root: the nearest folder with sqs-conformance's package.json. */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'sqs-conformance') return dir;
      } catch {
        // keep walking up
      }
    }
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the sqs-conformance package root above ${from}`);
    dir = up;
  }
}

/** Folder holding the shipped profiles. */
export function targetsDir(): string {
  return join(packageRoot(), 'conformance', 'targets');
}

/** Git-ignored folder for peer installs and logs (`<repo>/.peers`). */
export function defaultWorkDir(): string {
  return join(packageRoot(), '.peers');
}

/** Names of the profiles in a folder (default: the shipped ones). */
export function listProfiles(dir: string = targetsDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/** Loads a profile by name (`conformance/targets/<name>.json`) or by path (anything ending in .json). */
export function loadProfile(nameOrPath: string, options: { dir?: string } = {}): TargetProfile {
  const dir = options.dir ?? targetsDir();
  const isPath = nameOrPath.endsWith('.json') || nameOrPath.includes('/') || nameOrPath.includes('\\');
  const file = isPath ? (isAbsolute(nameOrPath) ? nameOrPath : resolve(nameOrPath)) : join(dir, `${nameOrPath}.json`);
  if (!existsSync(file)) {
    const known = listProfiles(dir);
    throw new ProfileError(
      'not-found',
      nameOrPath,
      [],
      isPath
        ? `target profile file not found: ${file}`
        : `unknown target "${nameOrPath}"${known.length ? ` (known: ${known.join(', ')})` : ''}`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ProfileError('invalid-json', file, [], `${file}: invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  return parseProfile(raw, file);
}

/** The endpoint to use for a profile: its own, or the regional AWS endpoint for real AWS. */
export function endpointForProfile(profile: TargetProfile): string | undefined {
  if (profile.endpoint) return profile.endpoint;
  if (profile.realAws) return `https://sqs.${profile.region}.amazonaws.com`;
  return undefined;
}
