// Installs peers up front (scripts/install-peers.sh, CI): each one from its committed lock in
// peers/<name>/, once, into the work dir; a peer already installed from the same lock is reported
// as cached and left alone (no network). `reinstall` installs again anyway.
import { ensurePeerInstalled } from './locked.js';
import { describeLock, isLockedPeer, LOCKED_PEERS, readPeerLock } from './peer-locks.js';

export interface PeerInstallReport {
  name: string;
  /** `installed` now, `cached` (found installed), `nothing` (in-process, nothing to install), or `failed`. */
  status: 'installed' | 'cached' | 'nothing' | 'failed';
  /** What is installed (registry, package and version). */
  what: string;
  dir?: string;
  ms: number;
  error?: string;
  /** The end of the install log, when the install failed. */
  log?: { file: string; tail: string[] };
}

/** Everything `installPeers` knows, in install order (cheapest first). */
export const INSTALLABLE_PEERS: readonly string[] = ['reference', ...LOCKED_PEERS];

export interface InstallPeersOptions {
  log?: (line: string) => void;
  /** Install again even when an install of the same lock is there. */
  reinstall?: boolean;
}

/**
 * Installs the named peers (all when `names` is empty) one after another; never throws for a
 * peer's failure (it is reported with status `failed`). Unknown names are reported as failed.
 */
export async function installPeers(names: readonly string[], workDir: string, options: InstallPeersOptions = {}): Promise<PeerInstallReport[]> {
  const list = names.length > 0 ? names : INSTALLABLE_PEERS;
  const out: PeerInstallReport[] = [];
  for (const name of list) {
    const started = Date.now();
    if (name === 'reference') {
      out.push({ name, status: 'nothing', what: 'in-process (src/server)', ms: 0 });
      continue;
    }
    if (!isLockedPeer(name)) {
      out.push({ name, status: 'failed', what: '', ms: 0, error: `unknown peer "${name}" (known: ${INSTALLABLE_PEERS.join(', ')})` });
      continue;
    }
    try {
      const what = describeLock(readPeerLock(name));
      const log = (line: string) => options.log?.(`[${name}] ${line}`);
      const r = await ensurePeerInstalled(name, workDir, { log, ...(options.reinstall ? { reinstall: true } : {}) });
      out.push({ name, status: r.installed ? 'installed' : 'cached', what, dir: r.dir, ms: Date.now() - started });
    } catch (e) {
      const log = (e as { log?: PeerInstallReport['log'] }).log;
      out.push({ name, status: 'failed', what: '', ms: Date.now() - started, error: (e as Error).message, ...(log ? { log } : {}) });
    }
  }
  return out;
}
