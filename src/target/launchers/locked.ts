// Peers (and the Python test clients) install from complete, committed locks in `peers/<name>/`,
// so two installs a month apart give the same bytes. The install path never resolves anything:
//   pip    requirements.lock: every package, exact version, sha256 of its wheel (or sdist, then built
//          by the locked setuptools without build isolation); `pip install --no-deps
//          --require-hashes` into a venv of the Python minor the lock names
//   npm    package.json + package-lock.json: `npm ci` (checks each package's integrity hash)
//   maven  pom.xml naming the whole classpath with exact versions, each dependency
//          non-transitive, + classpath.sha256 checked against every copied jar
//   go     a wrapper module: go.mod + go.sum, built with `-mod=readonly` (go.sum verifies each
//          module, so the checksum database is never needed)
// scripts/lock-peers.sh makes the locks from their inputs (requirements.in, package.json,
// artifact.in, go.mod); peer-locks.ts reads them. The install marker records the lock's sha256:
// a changed lock reinstalls.
import { copyFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TargetError } from './common.js';
import { ensureInstalled, probeCommand, type InstallContext, type InstallResult } from './install-lock.js';
import { compare, diffEmpty, formatDiff, jarHashes } from './lock-check.js';
import { LOCK_FILES, lockWant, PEER_PACKAGES, peerInstallDir, readPeerLock, type LockKind, type PeerLock, type PeerPackageName } from './peer-locks.js';
import { findPython } from './python.js';

/** Pinned, so the install does not depend on Maven's default plugin version. */
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

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
    want: lockWant(lock),
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

