// The committed peer locks (peers/<name>/ in the package): which peers have one, which files make
// it, and what it pins. locked.ts installs from them, lock-check.ts compares an install with them,
// scripts/lock-peers.sh makes them.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../profiles.js';
import { TargetError } from './common.js';

export type LockKind = 'pip' | 'npm' | 'maven' | 'go';

interface PeerPackage {
  kind: LockKind;
  /** Install folder, relative to the work dir. */
  dir: string;
  /** The package the peer is (its version is shown in reports). */
  main: string;
  registry: string;
}

/** Everything installed from a lock, cheapest install first. */
export const PEER_PACKAGES = {
  fauxqs: { kind: 'npm', dir: 'npm/fauxqs', main: 'fauxqs', registry: 'npm' },
  'local-aws-sqs': { kind: 'npm', dir: 'npm/local-aws-sqs', main: 'local-aws-sqs', registry: 'npm' },
  sqslite: { kind: 'npm', dir: 'npm/sqslite', main: 'sqslite', registry: 'npm' },
  'python-clients': { kind: 'pip', dir: 'python', main: 'boto3', registry: 'PyPI' },
  moto: { kind: 'pip', dir: 'venvs/moto', main: 'moto', registry: 'PyPI' },
  elasticmq: { kind: 'maven', dir: 'maven/elasticmq', main: 'org.elasticmq:elasticmq-server_2.13', registry: 'Maven' },
  goaws: { kind: 'go', dir: 'go/goaws', main: 'github.com/Admiral-Piett/goaws', registry: 'Go' },
  localstack: { kind: 'pip', dir: 'venvs/localstack', main: 'localstack-core', registry: 'PyPI' },
  'localstack-cdk': { kind: 'pip', dir: 'venvs/localstack-cdk', main: 'localstack-core', registry: 'PyPI' },
} as const satisfies Record<string, PeerPackage>;

export type PeerPackageName = keyof typeof PEER_PACKAGES;
export const LOCKED_PEERS = Object.keys(PEER_PACKAGES) as PeerPackageName[];

export function isLockedPeer(name: string): name is PeerPackageName {
  return Object.hasOwn(PEER_PACKAGES, name);
}

/** The lock files of each kind (their sha256 decides whether an install is current). */
export const LOCK_FILES: Record<LockKind, readonly string[]> = {
  pip: ['requirements.lock'],
  npm: ['package.json', 'package-lock.json'],
  maven: ['pom.xml', 'classpath.sha256'],
  go: ['go.mod', 'go.sum'],
};

export interface PeerLock {
  name: PeerPackageName;
  kind: LockKind;
  /** `peers/<name>` in the package. */
  dir: string;
  /** sha256 over the lock files (names and contents). */
  sha256: string;
  /**
   * What the lock says is installed, key → value: pip normalised name → version; npm
   * `node_modules/…` path → version; maven jar file name → sha256; go module path → version.
   */
  entries: Map<string, string>;
  mainVersion: string;
  /** pip: the Python minor the wheels were picked for (`3.13`). */
  python?: string;
  /** pip: some packages come as sdists (built at install time, without build isolation). */
  sdists?: boolean;
  /** pip: the `# build` lines (setuptools, wheel), installed before the rest. */
  buildTools?: string[];
  /** go: the main package to build (go.mod's `tool` line). */
  goTool?: string;
}

export function peerLockDir(name: string): string {
  return join(packageRoot(), 'peers', name);
}

/** PEP 503 name normalisation (pip freeze and the lock may spell a name differently). */
export const normalizePipName = (n: string): string => n.toLowerCase().replace(/[-_.]+/g, '-');

/** Reads and parses a peer's lock; throws `install-failed` when it is missing or malformed. */
export function readPeerLock(name: PeerPackageName): PeerLock {
  const spec = PEER_PACKAGES[name];
  const dir = peerLockDir(name);
  const text: Record<string, string> = {};
  const hash = createHash('sha256');
  for (const f of LOCK_FILES[spec.kind]) {
    try {
      text[f] = readFileSync(join(dir, f), 'utf8');
    } catch {
      throw new TargetError('install-failed', `${name}: lock file ${join(dir, f)} is missing (scripts/lock-peers.sh ${name} makes it)`);
    }
    hash.update(`${f}\0${text[f]}\0`);
  }
  const lock: PeerLock = { name, kind: spec.kind, dir, sha256: hash.digest('hex'), entries: new Map(), mainVersion: '' };
  const bad = (why: string) => new TargetError('install-failed', `${name}: bad lock in ${dir}: ${why}`);
  switch (spec.kind) {
    case 'pip': {
      const body = text['requirements.lock']!;
      lock.python = /^# python: (3\.\d+)$/m.exec(body)?.[1];
      if (!lock.python) throw bad('no "# python: 3.N" header');
      for (const line of body.split('\n')) {
        if (!line.trim() || line.startsWith('#')) continue;
        const m = /^([A-Za-z0-9._-]+)==(\S+) --hash=sha256:[0-9a-f]{64}(?: +# (sdist|build))?$/.exec(line.trim());
        if (!m) throw bad(`not "name==version --hash=sha256:…": ${line}`);
        lock.entries.set(normalizePipName(m[1]!), m[2]!);
        if (m[3] === 'sdist') lock.sdists = true;
        if (m[3] === 'build') (lock.buildTools ??= []).push(line.trim());
      }
      lock.mainVersion = lock.entries.get(normalizePipName(spec.main)) ?? '';
      break;
    }
    case 'npm': {
      const packages = (JSON.parse(text['package-lock.json']!) as { packages?: Record<string, { version?: string }> }).packages ?? {};
      for (const [path, p] of Object.entries(packages)) if (path !== '' && p.version) lock.entries.set(path, p.version);
      lock.mainVersion = lock.entries.get(`node_modules/${spec.main}`) ?? '';
      break;
    }
    case 'maven': {
      for (const line of text['classpath.sha256']!.split('\n')) {
        if (!line.trim() || line.startsWith('#')) continue;
        const m = /^([0-9a-f]{64}) {2}(\S+\.jar)$/.exec(line.trim());
        if (!m) throw bad(`not "sha256  file.jar": ${line}`);
        lock.entries.set(m[2]!, m[1]!);
      }
      const [g, a] = spec.main.split(':');
      const re = new RegExp(`<groupId>${g}</groupId><artifactId>${a}</artifactId><version>([^<]+)</version>`);
      lock.mainVersion = re.exec(text['pom.xml']!)?.[1] ?? '';
      break;
    }
    case 'go': {
      const mod = text['go.mod']!;
      lock.goTool = /^tool (\S+)$/m.exec(mod)?.[1];
      if (!lock.goTool) throw bad('go.mod has no `tool` line');
      for (const m of mod.matchAll(/^\s*(?:require\s+)?([a-z0-9.-]+\.[a-z]+\/\S+) (v\S+)/gim)) lock.entries.set(m[1]!, m[2]!);
      lock.mainVersion = lock.entries.get(spec.main) ?? '';
      break;
    }
  }
  if (!lock.mainVersion) throw bad(`it does not name ${spec.main}`);
  return lock;
}

/** The install folder of a locked peer. */
export function peerInstallDir(name: PeerPackageName, workDir: string): string {
  return join(workDir, PEER_PACKAGES[name].dir);
}

/** `PyPI localstack-core==4.14.0`, `npm fauxqs@1.9.2`, … */
export function describeLock(lock: PeerLock): string {
  const spec = PEER_PACKAGES[lock.name];
  const sep = spec.kind === 'pip' ? '==' : spec.kind === 'npm' ? '@' : spec.kind === 'maven' ? ':' : ' ';
  return `${spec.registry} ${spec.main}${sep}${lock.mainVersion}`;
}

/** What an install marker must ask for to be an install of this lock. */
export const lockWant = (lock: PeerLock): Record<string, string> => ({
  [PEER_PACKAGES[lock.name].main]: lock.mainVersion,
  lock: `peers/${lock.name}`,
  lockSha256: lock.sha256,
});

