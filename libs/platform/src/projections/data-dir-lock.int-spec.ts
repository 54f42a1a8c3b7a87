import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLock } from './data-dir-lock';

const linux = process.platform === 'linux';
const startOf = (pid: number) => {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
};
const bootId = () => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();

describe('DataDirLock', () => {
  const lockAt = (content: unknown) => {
    const path = join(mkdtempSync(join(tmpdir(), 'synpunkt-lock-')), 'read-models.lock');
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };
  const takes = (path: string) => {
    const lock = new DataDirLock(path);
    lock.acquire();
    lock.release();
  };

  it('refuses while its holder lives, and is free once released', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'synpunkt-lock-')), 'read-models.lock');
    const lock = new DataDirLock(path);
    lock.acquire();
    expect(() => new DataDirLock(path).acquire()).toThrow(/another instance holds DATA_DIR: Synpunkt process \(pid \d+\) on host/);
    expect(DataDirLock.holder(path)).toMatchObject({ pid: process.pid, host: hostname() });
    lock.release();
    expect(DataDirLock.holder(path)).toBeUndefined();
    takes(path);
  });

  it('takes over a lock naming its own pid that it does not hold: a restarted container, where node is pid 1 again', () => {
    takes(lockAt({ pid: process.pid, host: hostname(), boot: linux ? bootId() : undefined, start: '1' }));
    takes(lockAt(String(process.pid))); // as an older version wrote it: the pid alone
  });

  (linux ? it : it.skip)('tells a live holder from a process that reuses its pid, and a lock from before a reboot', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      const pid = child.pid!;
      const live = lockAt({ pid, host: hostname(), boot: bootId(), start: startOf(pid) });
      expect(() => new DataDirLock(live).acquire()).toThrow(new RegExp(`pid ${pid}`));
      takes(lockAt({ pid, host: hostname(), boot: bootId(), start: `${startOf(pid)}0` })); // another process had that pid
      takes(lockAt({ pid, host: hostname(), boot: 'another-boot', start: startOf(pid) }));
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('trusts a lock from another host name (another container on the volume) only while its holder keeps it fresh', () => {
    const fresh = lockAt({ pid: 1, host: 'another-container' });
    expect(() => new DataDirLock(fresh).acquire()).toThrow(/Synpunkt process \(pid 1\) on host another-container/);
    const old = lockAt({ pid: 1, host: 'another-container' });
    const minuteAgo = new Date(Date.now() - 60_000);
    utimesSync(old, minuteAgo, minuteAgo);
    takes(old);
  });
});
