// Peers (and the Python test clients) install from complete, committed locks in `peers/<name>/`,
// so two installs a month apart give the same bytes. The install path never resolves anything:
//   pip    requirements.lock: every package, exact version, wheel sha256; `pip install --no-deps
//          --require-hashes --only-binary=:all:` into a venv of the Python minor the lock names
//   npm    package.json + package-lock.json: `npm ci` (checks each package's integrity hash)
//   maven  pom.xml naming the whole classpath with exact versions, each dependency
//          non-transitive, + classpath.sha256 checked against every copied jar
//   go     a wrapper module: go.mod + go.sum, built with `-mod=readonly` (go.sum verifies each
//          module, so the checksum database is never needed)
// scripts/lock-peers.sh makes the locks from their inputs (requirements.in, package.json,
// artifact.in, go.mod). The install marker records the lock's sha256: a changed lock reinstalls.
// `checkPeerInstall` compares what is installed with the lock (the completeness test in CI).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { packageRoot } from '../profiles.js';
import { TargetError } from './common.js';
import { ensureInstalled, probeCommand, readInstallMarker, sameWant, type InstallContext, type InstallResult } from './install-lock.js';
import { findPython } from './python.js';

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

/** Pinned, so the install does not depend on Maven's default plugin version. */
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

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

const wantOf = (lock: PeerLock): Record<string, string> => ({
  [PEER_PACKAGES[lock.name].main]: lock.mainVersion,
  lock: `peers/${lock.name}`,
  lockSha256: lock.sha256,
});

export interface PeerInstallOptions {
  log?: (line: string) => void;
  /** Install again even when an install of the same lock is there. */
  reinstall?: boolean;
}

/**
 * Installs a peer from its lock into `<workDir>/<its dir>` (once; later calls return at once and
 * need no network, until the lock changes).
 */
export async function ensurePeerInstalled(name: PeerPackageName, workDir: string, options: PeerInstallOptions = {}): Promise<InstallResult> {
  const lock = readPeerLock(name);
  return ensureInstalled({
    name,
    workDir,
    dir: peerInstallDir(name, workDir),
    want: wantOf(lock),
    ...(options.log ? { log: options.log } : {}),
    ...(options.reinstall ? { force: true } : {}),
    install: (ctx) => INSTALLERS[lock.kind](ctx, lock),
  });
}

async function copyLockFiles(lock: PeerLock, to: string): Promise<void> {
  for (const f of LOCK_FILES[lock.kind]) await copyFile(join(lock.dir, f), join(to, f));
}

const INSTALLERS: Record<LockKind, (ctx: InstallContext, lock: PeerLock) => Promise<Record<string, string>>> = {
  async pip(ctx, lock) {
    const minor = Number(lock.python!.split('.')[1]);
    const py = await findPython(minor);
    if (!py) {
      throw new TargetError('install-failed', `${lock.name}: its lock is for Python ${lock.python}, and none was found (install one, or set SQSC_PYTHON to it)`);
    }
    ctx.log(`${lock.name}: venv with Python ${py.version} (${py.path})`);
    await ctx.run(py.path, ['-m', 'venv', ctx.dir]);
    const python = join(ctx.dir, 'bin', 'python');
    const env = { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PYTHONNOUSERSITE: '1' };
    const pip = ['-m', 'pip', 'install', '--no-input', '--progress-bar', 'off', '--no-deps', '--require-hashes'];
    if (lock.buildTools?.length) {
      // The build backend for the sdists, from the lock too (build isolation would fetch its own).
      const buildLock = join(ctx.dir, 'build-tools.lock');
      await writeFile(buildLock, `${lock.buildTools.join('\n')}\n`);
      await ctx.run(python, [...pip, '--only-binary=:all:', '-r', buildLock], { env });
    }
    // --no-deps: the lock is the whole set, pip resolves nothing; --require-hashes: same bytes.
    const noBuild = lock.sdists ? ['--no-build-isolation'] : ['--only-binary=:all:'];
    await ctx.run(python, [...pip, ...noBuild, '-r', join(lock.dir, 'requirements.lock')], { env });
    // A lock missing a dependency shows up here rather than at the peer's start.
    await ctx.run(python, ['-m', 'pip', 'check'], { env });
    return { python: py.version, [PEER_PACKAGES[lock.name].main]: lock.mainVersion };
  },

  async npm(ctx, lock) {
    await copyLockFiles(lock, ctx.dir);
    // No peer dependency has an install script (scripts/lock-peers.sh would show hasInstallScript).
    await ctx.run('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: ctx.dir });
    return { node: process.version, [PEER_PACKAGES[lock.name].main]: lock.mainVersion };
  },

  async maven(ctx, lock) {
    await copyLockFiles(lock, ctx.dir);
    await ctx.run(
      'mvn',
      ['-q', '-B', '-Dstyle.color=never', '--strict-checksums', '-f', join(ctx.dir, 'pom.xml'), `${DEPENDENCY_PLUGIN}:copy-dependencies`, `-DoutputDirectory=${join(ctx.dir, 'lib')}`, '-DincludeScope=runtime'],
      { cwd: ctx.dir },
    );
    const diff = compare(lock.entries, await jarHashes(join(ctx.dir, 'lib')));
    if (!diffEmpty(diff)) throw new TargetError('install-failed', `${lock.name}: the jars differ from classpath.sha256: ${formatDiff(diff)}`);
    const mvn = (await probeCommand('mvn', ['-v']))?.split('\n')[0]?.replace(/\x1b\[[0-9;]*m/g, '') ?? '?';
    return { maven: mvn, [PEER_PACKAGES[lock.name].main]: lock.mainVersion };
  },

  async go(ctx, lock) {
    const go = await probeCommand('go', ['version']);
    if (!go) throw new TargetError('install-failed', `${lock.name} needs the Go toolchain (\`go\` not found)`);
    await copyLockFiles(lock, ctx.dir);
    // -mod=readonly: go.mod and go.sum are used as they are (a missing sum fails, nothing is added);
    // GOTOOLCHAIN=local: the go line never downloads another toolchain; GOWORK=off: no outer go.work.
    const env = { ...process.env, GOTOOLCHAIN: 'local', GOWORK: 'off' };
    await ctx.run('go', ['build', '-mod=readonly', '-trimpath', '-o', join(ctx.dir, 'bin', 'cmd'), lock.goTool!], { cwd: ctx.dir, env });
    return { go, [PEER_PACKAGES[lock.name].main]: lock.mainVersion };
  },
};

// ---------------------------------------------------------------------------------------------
// Completeness: the installed set against the lock

export interface LockDiff {
  /** In the lock, not installed. */
  missing: string[];
  /** Installed, not in the lock. */
  extra: string[];
  /** Installed with another version (or hash) than the lock's: `key: lock → installed`. */
  changed: string[];
}

export interface PeerInstallCheck extends LockDiff {
  name: PeerPackageName;
  dir: string;
  /** False when no install of the current lock is there (then the lists are empty). */
  installed: boolean;
  /** How many entries were compared. */
  compared: number;
}

export const diffEmpty = (d: LockDiff): boolean => d.missing.length + d.extra.length + d.changed.length === 0;

export function formatDiff(d: LockDiff): string {
  const parts: string[] = [];
  if (d.missing.length) parts.push(`missing ${d.missing.join(', ')}`);
  if (d.extra.length) parts.push(`not in the lock ${d.extra.join(', ')}`);
  if (d.changed.length) parts.push(`changed ${d.changed.join(', ')}`);
  return parts.join('; ') || 'none';
}

function compare(lock: ReadonlyMap<string, string>, installed: ReadonlyMap<string, string>, { subset = false } = {}): LockDiff {
  const d: LockDiff = { missing: [], extra: [], changed: [] };
  for (const [k, v] of lock) {
    const got = installed.get(k);
    if (got === undefined) {
      if (!subset) d.missing.push(k);
    } else if (got !== v) d.changed.push(`${k}: ${v} → ${got}`);
  }
  for (const k of installed.keys()) if (!lock.has(k)) d.extra.push(k);
  for (const list of Object.values(d) as string[][]) list.sort();
  return d;
}

async function jarHashes(lib: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of (await readdir(lib).catch(() => [] as string[])).sort()) {
    if (f.endsWith('.jar')) out.set(f, createHash('sha256').update(await readFile(join(lib, f))).digest('hex'));
  }
  return out;
}

/** `node_modules/…` path → version of every package under a folder's node_modules (nested too). */
function npmInstalled(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    let names: string[];
    try {
      names = readdirSync(join(root, rel));
    } catch {
      return;
    }
    for (const n of names) {
      if (n.startsWith('.')) continue;
      if (n.startsWith('@')) {
        for (const s of readdirSync(join(root, rel, n))) visit(`${rel}/${n}/${s}`);
      } else visit(`${rel}/${n}`);
    }
  };
  const visit = (path: string) => {
    try {
      const pkg = JSON.parse(readFileSync(join(root, path, 'package.json'), 'utf8')) as { version?: string };
      out.set(path, pkg.version ?? '?');
    } catch {
      return;
    }
    if (existsSync(join(root, path, 'node_modules'))) walk(`${path}/node_modules`);
  };
  walk('node_modules');
  return out;
}

async function pipInstalled(venv: string): Promise<Map<string, string>> {
  const env = { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PYTHONNOUSERSITE: '1' };
  const freeze = await probeCommand(join(venv, 'bin', 'python'), ['-m', 'pip', 'freeze', '--all'], 60_000, env);
  if (freeze === undefined) throw new TargetError('install-failed', `cannot run pip freeze in ${venv}`);
  const out = new Map<string, string>();
  for (const line of freeze.split('\n')) {
    const [n, v] = line.trim().split('==');
    // pip itself comes with the interpreter (ensurepip), not from the lock.
    if (n && v && normalizePipName(n) !== 'pip') out.set(normalizePipName(n), v);
  }
  return out;
}

/** Modules linked into a Go binary (`go version -m`), path → `version h1:…`. */
async function goBinaryModules(binary: string): Promise<Map<string, string>> {
  const text = await probeCommand('go', ['version', '-m', binary]);
  if (text === undefined) throw new TargetError('install-failed', `cannot run go version -m ${binary}`);
  const out = new Map<string, string>();
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if ((f[0] === 'mod' || f[0] === 'dep') && f[1] && f[2]) out.set(f[1], `${f[2]} ${f[3] ?? ''}`.trim());
    // A `=>` line would mean a replaced module: not what the lock says.
    if (f[0] === '=>') out.set(`${f[1]} (replacement)`, f.slice(2).join(' '));
  }
  return out;
}

/**
 * Compares an installed peer with its lock: the venv's `pip freeze --all` (pip excepted), every
 * package under node_modules, the jars of the classpath with their sha256, or the modules linked
 * into the goaws binary with their go.sum hashes.
 */
export async function checkPeerInstall(name: PeerPackageName, workDir: string): Promise<PeerInstallCheck> {
  const lock = readPeerLock(name);
  const dir = peerInstallDir(name, workDir);
  const marker = await readInstallMarker(dir);
  const base = { name, dir, compared: 0 };
  if (!marker || !sameWant(marker.want, wantOf(lock))) return { ...base, installed: false, missing: [], extra: [], changed: [] };
  let diff: LockDiff;
  let compared = lock.entries.size;
  switch (lock.kind) {
    case 'pip':
      diff = compare(lock.entries, await pipInstalled(dir));
      break;
    case 'npm':
      diff = compare(lock.entries, npmInstalled(dir));
      break;
    case 'maven':
      diff = compare(lock.entries, await jarHashes(join(dir, 'lib')));
      break;
    case 'go': {
      // The lock is go.mod (versions) + go.sum (hashes); the binary links a subset of go.mod's
      // modules (the others are test-only dependencies of dependencies).
      const sums = new Map<string, string>();
      for (const line of readFileSync(join(lock.dir, 'go.sum'), 'utf8').split('\n')) {
        const [path, version, h1] = line.trim().split(' ');
        if (path && version && h1 && !version.endsWith('/go.mod')) sums.set(`${path}@${version}`, h1);
      }
      const linked = await goBinaryModules(join(dir, 'bin', 'cmd'));
      const expected = new Map([...lock.entries].map(([path, version]) => [path, `${version} ${sums.get(`${path}@${version}`) ?? '(no go.sum line)'}`]));
      diff = compare(expected, linked, { subset: true });
      compared = linked.size;
      break;
    }
  }
  return { ...base, installed: true, compared, ...diff };
}
