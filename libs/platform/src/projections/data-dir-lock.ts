import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';

/**
 * One process at a time keeps a DATA_DIR's read models: a second one (an API instance, or a CLI command that starts
 * the app while the API runs) would run projections into the same file. The lock names the holder's pid; a lock
 * whose process is gone (killed, crashed) is taken over.
 */
export class DataDirLock {
  private held = false;

  constructor(private readonly path: string) {}

  acquire(): void {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.path, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        this.held = true;
        return;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const holder = Number(readFileSync(this.path, 'utf8'));
        if (isAlive(holder)) {
          throw new Error(
            `another Synpunkt process (pid ${holder}) is using this DATA_DIR (${this.path}); stop it first, ` +
              'or rebuild a projection through the running API: POST /api/admin/projections/{name}/rebuild',
          );
        }
        rmSync(this.path, { force: true }); // left by a process that is gone
      }
    }
    throw new Error(`could not take the lock ${this.path}`);
  }

  release(): void {
    if (this.held) rmSync(this.path, { force: true });
    this.held = false;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
