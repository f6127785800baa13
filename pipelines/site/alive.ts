// Whether a process still runs (signal 0 tests without sending): the site build's lock and its temporary folders
// are stale when the process that made them is gone.
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
