// The one skeleton of an out-of-process peer launcher (sqslite, moto, ElasticMQ, goaws, LocalStack):
// install from the peer's lock, pick a free loopback port, write the start's files into a fresh run
// folder, spawn the server under the watchdog, wait for its readiness probe, and hand back a
// ProcessTarget whose stop ends the process group and removes the run folder. Each peer only
// declares what differs: its command, environment, files and probe.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createPort, type ClientOptions } from '../client.js';
import { loadProfile } from '../profiles.js';
import type { Launcher, LaunchOptions, RunningTarget, TargetProfile } from '../types.js';
import { TargetError } from './common.js';
import type { InstallMarker } from './install-lock.js';
import { ensurePeerInstalled } from './locked.js';
import type { PeerPackageName } from './peer-locks.js';
import { startOnFreePort } from './ports.js';
import { freshRunDir, spawnServer, waitForServer, type ServerProcess } from './spawn.js';

/** A RunningTarget backed by a server process (its group id and log are exposed for checks). */
export interface ProcessTarget extends RunningTarget {
  /** Process group of the server (its watchdog's pid). */
  pgid: number;
  logFile: string;
}

export function isProcessTarget(t: RunningTarget): t is ProcessTarget {
  return typeof (t as Partial<ProcessTarget>).pgid === 'number';
}

/** Wraps a ready server process; `stop` stops the process group, then runs `cleanup`. */
export function processTarget(profile: TargetProfile, endpoint: string, proc: ServerProcess, cleanup: () => Promise<void> = async () => {}): ProcessTarget {
  return {
    profile,
    endpoint,
    pgid: proc.pgid,
    logFile: proc.logFile,
    client: (o?: ClientOptions) => createPort(profile, endpoint, o),
    exited: () => {
      const e = proc.exitInfo();
      return e ? { how: e.signal ?? `code ${e.code}`, log: proc.logInfo() } : undefined;
    },
    stop: async () => {
      await proc.stop();
      await cleanup().catch(() => {});
    },
  };
}

/** What one start of a peer knows. */
export interface PeerStart {
  /** The install folder. */
  dir: string;
  marker: InstallMarker;
  port: number;
  /** A fresh folder for this start's files and state (removed on stop). */
  runDir: string;
  profile: TargetProfile;
}

export interface PeerCommand {
  command: string;
  args: string[];
  /** Added to the inherited environment. */
  env?: Record<string, string>;
  /** Inherited variables not to pass on. */
  unsetEnv?: string[];
  /** Files written into the run folder before the start (name → content). */
  files?: Record<string, string>;
}

export interface PeerLauncherSpec {
  /** Launcher, profile, lock (`peers/<name>`) and log name. */
  name: PeerPackageName;
  /** Checks before the start (a toolchain, name resolution); may adjust the profile. */
  prepare?: (profile: TargetProfile) => Promise<TargetProfile> | TargetProfile;
  command: (s: PeerStart) => PeerCommand;
  /** Host name of the endpoint given to clients (default 127.0.0.1; the server binds 127.0.0.1). */
  clientHost?: string;
  /** Resolves true once the server answers; a TargetError it throws ends the wait at once. */
  ready: (endpoint: string, proc: ServerProcess) => Promise<boolean>;
  startTimeoutMs: number;
  /** Probe interval (default 100 ms). */
  probeEveryMs?: number;
  /** The "listening" log line (default `<name> <version> listening on <endpoint>`). */
  describe?: (endpoint: string, s: PeerStart, proc: ServerProcess) => string;
}

export interface PeerLauncherOptions {
  profile?: TargetProfile;
  startTimeoutMs?: number;
}

export function definePeerLauncher(spec: PeerLauncherSpec): (options?: PeerLauncherOptions) => Launcher {
  return (options = {}) => ({
    name: spec.name,
    async start({ workDir, log = () => {} }: LaunchOptions): Promise<RunningTarget> {
      let profile = options.profile ?? loadProfile(spec.name);
      if (spec.prepare) profile = await spec.prepare(profile);
      const { dir, marker } = await ensurePeerInstalled(spec.name, workDir, { log });
      return startOnFreePort(3, async (port) => {
        const runDir = await freshRunDir(workDir, spec.name, port);
        const s: PeerStart = { dir, marker, port, runDir, profile };
        const removeRunDir = () => rm(runDir, { recursive: true, force: true });
        const cmd = spec.command(s);
        for (const [file, content] of Object.entries(cmd.files ?? {})) await writeFile(join(runDir, file), content);
        const proc = await spawnServer({
          name: spec.name,
          workDir,
          cwd: runDir,
          command: cmd.command,
          args: cmd.args,
          ...(cmd.env ? { env: cmd.env } : {}),
          ...(cmd.unsetEnv ? { unsetEnv: cmd.unsetEnv } : {}),
        });
        const endpoint = `http://${spec.clientHost ?? '127.0.0.1'}:${port}`;
        try {
          await waitForServer(spec.name, proc, () => spec.ready(endpoint, proc), options.startTimeoutMs ?? spec.startTimeoutMs, spec.probeEveryMs, (e) => e instanceof TargetError);
        } catch (e) {
          await proc.stop();
          await removeRunDir().catch(() => {});
          throw e;
        }
        const version = Object.entries(marker.want)[0]?.[1] ?? '?';
        log(spec.describe?.(endpoint, s, proc) ?? `${spec.name} ${version} listening on ${endpoint} (log ${proc.logFile})`);
        return processTarget(profile, endpoint, proc, removeRunDir);
      });
    },
  });
}
