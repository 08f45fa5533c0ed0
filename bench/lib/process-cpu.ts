import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second for /proc/<pid>/stat (USER_HZ; 100 on every mainstream Linux). */
const ticksPerSecond = 100;

/** The fields of /proc/<pid>/stat after the command name (which may contain spaces). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** utime + stime in ms; they are fields 14 and 15 of the line, 12 and 13 after the name. */
function cpuMsOf(fields: string[]): number {
  const ticks = Number(fields[11]) + Number(fields[12]);
  return Number.isFinite(ticks) ? (ticks * 1000) / ticksPerSecond : 0;
}

/**
 * CPU time (user + system, ms) used so far by a process and all its descendants (the workers
 * of `latchkey start --workers N`), read from /proc; undefined where /proc is not available
 * (not Linux) or the process is gone.
 */
export function processTreeCpuMs(rootPid: number): number | undefined {
  const root = statFields(rootPid);
  if (!root) return undefined;
  const children = new Map<number, number[]>();
  const fieldsByPid = new Map<number, string[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const fields = statFields(pid);
    if (!fields) continue;
    fieldsByPid.set(pid, fields);
    // The parent PID is field 4 of the line, 2 after the name.
    const parent = Number(fields[1]);
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  let total = cpuMsOf(root);
  const pending = [...(children.get(rootPid) ?? [])];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    const fields = fieldsByPid.get(pid);
    if (fields) total += cpuMsOf(fields);
    pending.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** CPU time (user + system, ms) this process has used so far, every thread included. */
export function ownCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
