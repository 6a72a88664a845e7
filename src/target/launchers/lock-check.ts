// Completeness of an install: what is installed against what the peer's lock says (pip freeze,
// node_modules, the classpath's jars with their sha256, the modules linked into the goaws binary).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TargetError } from './common.js';
import { probeCommand, readInstallMarker, sameWant } from './install-lock.js';
import { lockWant, normalizePipName, peerInstallDir, readPeerLock, type PeerPackageName } from './peer-locks.js';

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

export function compare(lock: ReadonlyMap<string, string>, installed: ReadonlyMap<string, string>, { subset = false } = {}): LockDiff {
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

export async function jarHashes(lib: string): Promise<Map<string, string>> {
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
  if (!marker || !sameWant(marker.want, lockWant(lock))) return { ...base, installed: false, missing: [], extra: [], changed: [] };
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
