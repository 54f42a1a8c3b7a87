import { closeSync, openSync, readFileSync, rmSync, statSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';

/** Beside the read models in DATA_DIR; held by the primary (or by the one process of WORKERS=0, a CLI command, a test). */
export const DATA_DIR_LOCK_FILE = 'read-models.lock';

/** Who holds a lock: enough to tell a live holder from one that is gone, in a container as well as on a host. */
export interface LockHolder {
  pid: number;
  host: string;
  /** The kernel's boot id (Linux): a lock from before a reboot is stale. */
  boot?: string;
  /** The holder's start time in clock ticks after boot (Linux): a pid reused by another process does not count. */
  start?: string;
}

/** A holder on another host name (another container on a shared volume) refreshes the file this often... */
const HEARTBEAT_MS = 10_000;
/** ...and is taken for gone once the file is this old. */
const STALE_AFTER_MS = 3 * HEARTBEAT_MS;

/**
 * One process tree at a time keeps a DATA_DIR's read models: a second one (an API instance, or a CLI command that
 * would write while the API runs) would race it. The lock names its holder by pid, host name, boot id and process
 * start time, so that a lock left behind is taken over: in Docker every container's first process has pid 1, and a
 * restarted container found its own old lock naming a live pid 1 (itself) and refused to start for ever.
 */
export class DataDirLock {
  /** Locks this process holds: a lock naming our own pid is ours only if listed here (else an earlier process's). */
  private static readonly ours = new Set<string>();
  private held = false;
  private heartbeat?: NodeJS.Timeout;

  constructor(private readonly path: string) {}

  acquire(): void {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.path, 'wx');
        writeSync(fd, JSON.stringify(describe(process.pid)));
        closeSync(fd);
        this.held = true;
        DataDirLock.ours.add(this.path);
        this.heartbeat = setInterval(() => this.touch(), HEARTBEAT_MS);
        this.heartbeat.unref();
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = DataDirLock.holder(this.path);
        if (holder) {
          throw new Error(
            `another instance holds DATA_DIR: Synpunkt process (pid ${holder.pid}) on host ${holder.host} (${this.path}) — a server, ` +
              'or a CLI command such as seed or rebuild. One runs on a DATA_DIR at a time: stop it first, or give this one a ' +
              'DATA_DIR of its own',
          );
        }
        rmSync(this.path, { force: true }); // left by a process that is gone
      }
    }
    throw new Error(`could not take the lock ${this.path}`);
  }

  release(): void {
    clearInterval(this.heartbeat);
    if (this.held) rmSync(this.path, { force: true });
    if (this.held) DataDirLock.ours.delete(this.path);
    this.held = false;
  }

  /** The live holder of the lock at `path`; undefined when there is no lock or it was left by a process that is gone. */
  static holder(path: string): LockHolder | undefined {
    let text: string;
    let modified: number;
    try {
      text = readFileSync(path, 'utf8');
      modified = statSync(path).mtimeMs;
    } catch {
      return undefined;
    }
    const holder = parse(text);
    if (!holder) return undefined;
    // our own pid on a lock this process does not hold: an earlier process's in this pid namespace (a restarted container)
    if (holder.pid === process.pid && holder.host === hostname()) return DataDirLock.ours.has(path) ? holder : undefined;
    if (holder.host !== hostname()) return Date.now() - modified < STALE_AFTER_MS ? holder : undefined;
    const now = describe(holder.pid);
    if (holder.boot && now.boot && holder.boot !== now.boot) return undefined;
    if (!isAlive(holder.pid)) return undefined;
    if (holder.start && now.start && holder.start !== now.start) return undefined; // the pid now names another process
    return holder;
  }

  private touch(): void {
    try {
      const now = new Date();
      utimesSync(this.path, now, now);
    } catch {
      // a lock file removed under us is not ours to recreate; the next start finds it free
    }
  }
}

function parse(text: string): LockHolder | undefined {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { pid: Number(trimmed), host: hostname() }; // written by an older version: a pid alone
  try {
    const value = JSON.parse(trimmed) as LockHolder;
    return Number.isInteger(value.pid) && value.pid > 0 && typeof value.host === 'string' ? value : undefined;
  } catch {
    return undefined; // a lock cut short by a crash while it was written
  }
}

function describe(pid: number): LockHolder {
  return { pid, host: hostname(), boot: read('/proc/sys/kernel/random/boot_id'), start: startTime(pid) };
}

/** Field 22 of /proc/<pid>/stat, counted after the command name (which may hold spaces and parentheses). */
function startTime(pid: number): string | undefined {
  const stat = read(`/proc/${pid}/stat`);
  return stat?.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim() || undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
