import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  AWS_TOLERANCE,
  endpointForProfile,
  listProfiles,
  LOCAL_TOLERANCE,
  loadProfile,
  parseProfile,
  ProfileError,
} from '../../src/target/profiles.js';

describe('shipped profiles', () => {
  it('all load and validate', () => {
    const names = listProfiles();
    expect(names).toEqual(expect.arrayContaining(['aws', 'endpoint', 'fauxqs', 'local-aws-sqs', 'reference']));
    for (const n of names) expect(loadProfile(n).name).toBe(n);
  });

  it('aws is real AWS, guaranteed strictness, wide tolerance', () => {
    const p = loadProfile('aws');
    expect(p).toMatchObject({ realAws: true, defaultStrictness: 'guaranteed', tolerance: AWS_TOLERANCE });
    expect(endpointForProfile(p)).toBe('https://sqs.us-east-1.amazonaws.com');
    expect(endpointForProfile({ ...p, endpoint: undefined, region: 'eu-west-1' })).toBe('https://sqs.eu-west-1.amazonaws.com');
  });

  it('local servers use the local tolerance and name their launcher', () => {
    expect(loadProfile('fauxqs')).toMatchObject({ launcher: 'fauxqs', protocol: 'json', tolerance: LOCAL_TOLERANCE });
    expect(loadProfile('local-aws-sqs').flags.emulateQueueCreationLifecycle).toBe(true);
    expect(endpointForProfile(loadProfile('endpoint'))).toBeUndefined();
  });
});

describe('parseProfile', () => {
  it('fills defaults', () => {
    expect(parseProfile({ name: 'x' })).toEqual({
      name: 'x',
      protocol: 'json',
      region: 'us-east-1',
      capabilities: [],
      flags: {},
      tolerance: LOCAL_TOLERANCE,
      defaultStrictness: 'typical',
    });
    expect(parseProfile({ name: 'y', realAws: true, tolerance: { epsilonMs: 300 } })).toMatchObject({
      defaultStrictness: 'guaranteed',
      tolerance: { ...AWS_TOLERANCE, epsilonMs: 300 },
    });
  });

  it('reports every problem as typed data', () => {
    let err: unknown;
    try {
      parseProfile(
        {
          name: 'bad name!',
          protocol: 'xml',
          endpoint: 'ftp://x',
          capabilities: ['fifo', 'teleport'],
          flags: { a: {} },
          tolerance: { epsilonMs: -1, bogus: 1 },
          defaultStrictness: 'lenient',
          extra: true,
        },
        'bad.json',
      );
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProfileError);
    const pe = err as ProfileError;
    expect(pe.code).toBe('invalid-profile');
    expect(pe.source).toBe('bad.json');
    expect(pe.issues).toHaveLength(9);
    expect(pe.issues.join('\n')).toMatch(/unknown capability "teleport"/);
  });

  it('names a missing profile and lists the known ones; reports broken JSON', () => {
    expect(() => loadProfile('nope')).toThrow(/unknown target "nope" \(known: .*fauxqs/);
    const dir = mkdtempSync(join(tmpdir(), 'sqsc-prof-'));
    writeFileSync(join(dir, 'broken.json'), '{ nope');
    try {
      loadProfile('broken', { dir });
    } catch (e) {
      expect(e).toBeInstanceOf(ProfileError);
      expect((e as ProfileError).code).toBe('invalid-json');
      return;
    }
    throw new Error('expected an error');
  });
});
