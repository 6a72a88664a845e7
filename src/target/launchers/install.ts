// Installs peers up front (scripts/install-peers.sh, CI): each launcher's installer, run once and
// cached under the work dir; a peer already installed is reported and left alone (no network).
import { ensureNpmPackage } from './common.js';
import { ELASTICMQ_VERSION, installElasticMq } from './elasticmq.js';
import { FAUXQS_VERSION } from './fauxqs.js';
import { GOAWS_VERSIONS, installGoaws } from './goaws.js';
import { LOCAL_AWS_SQS_VERSION } from './local-aws-sqs.js';
import { installLocalStack, LOCALSTACK_VERSION } from './localstack.js';
import { installMoto, MOTO_VERSION } from './moto.js';
import { installSqslite, SQSLITE_VERSION } from './sqslite.js';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface PeerInstallReport {
  name: string;
  /** `installed` now, `cached` (found installed), `nothing` (in-process, nothing to install), or `failed`. */
  status: 'installed' | 'cached' | 'nothing' | 'failed';
  /** What is installed (package and version). */
  what: string;
  dir?: string;
  ms: number;
  error?: string;
}

type Installer = (workDir: string, log: (line: string) => void) => Promise<{ what: string; dir?: string; installed: boolean }>;

const npm =
  (name: string, version: string): Installer =>
  async (workDir, log) => {
    const dir = join(workDir, 'npm', `${name}@${version}`);
    const was = existsSync(join(dir, 'node_modules', name, 'package.json'));
    await ensureNpmPackage(workDir, name, version, log);
    return { what: `npm ${name}@${version}`, dir, installed: !was };
  };

const INSTALLERS: Record<string, Installer> = {
  reference: async () => ({ what: 'in-process (src/server)', installed: false }),
  fauxqs: npm('fauxqs', FAUXQS_VERSION),
  'local-aws-sqs': npm('local-aws-sqs', LOCAL_AWS_SQS_VERSION),
  sqslite: async (workDir, log) => {
    const dir = join(workDir, 'npm', `sqslite@${SQSLITE_VERSION}`);
    const was = existsSync(join(dir, 'node_modules', 'sqslite', 'package.json'));
    await installSqslite(workDir, log);
    return { what: `npm sqslite@${SQSLITE_VERSION}`, dir, installed: !was };
  },
  moto: async (workDir, log) => {
    const r = await installMoto(workDir, log);
    return { what: `PyPI moto==${r.marker.got.moto ?? MOTO_VERSION} (Python ${r.marker.got.python ?? '?'})`, dir: r.dir, installed: r.installed };
  },
  elasticmq: async (workDir, log) => {
    const r = await installElasticMq(workDir, log);
    return { what: `Maven org.elasticmq:elasticmq-server_2.13:${ELASTICMQ_VERSION}`, dir: r.dir, installed: r.installed };
  },
  goaws: async (workDir, log) => {
    const r = await installGoaws(workDir, log);
    return { what: `Go github.com/Admiral-Piett/goaws ${r.marker.got.version ?? GOAWS_VERSIONS[0]}`, dir: r.dir, installed: r.installed };
  },
  localstack: async (workDir, log) => {
    const r = await installLocalStack(workDir, log);
    return {
      what: `PyPI localstack-core==${r.marker.got['localstack-core'] ?? LOCALSTACK_VERSION} (Python ${r.marker.got.python ?? '?'})`,
      dir: r.dir,
      installed: r.installed,
    };
  },
};

/** Peers that have an installer, in install order (cheapest first). */
export const INSTALLABLE_PEERS = Object.keys(INSTALLERS);

/**
 * Installs the named peers (all when `names` is empty) one after another; never throws for a
 * peer's failure (it is reported with status `failed`). Unknown names are reported as failed.
 */
export async function installPeers(
  names: readonly string[],
  workDir: string,
  log: (line: string) => void = () => {},
): Promise<PeerInstallReport[]> {
  const list = names.length > 0 ? names : INSTALLABLE_PEERS;
  const out: PeerInstallReport[] = [];
  for (const name of list) {
    const started = Date.now();
    const installer = INSTALLERS[name];
    if (!installer) {
      out.push({ name, status: 'failed', what: '', ms: 0, error: `unknown peer "${name}" (known: ${INSTALLABLE_PEERS.join(', ')})` });
      continue;
    }
    try {
      const r = await installer(workDir, (line) => log(`[${name}] ${line}`));
      const status = r.dir === undefined ? 'nothing' : r.installed ? 'installed' : 'cached';
      out.push({ name, status, what: r.what, ...(r.dir ? { dir: r.dir } : {}), ms: Date.now() - started });
    } catch (e) {
      out.push({ name, status: 'failed', what: '', ms: Date.now() - started, error: (e as Error).message });
    }
  }
  return out;
}

