import { readFileSync } from 'node:fs';

/** VmRSS and VmHWM (peak RSS) of a process in MiB, from /proc/<pid>/status; undefined if gone. */
export function readMemory(pid: number): { rssMiB: number; hwmMiB: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) =>
      Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    const rss = kib('VmRSS');
    const hwm = kib('VmHWM');
    if (!Number.isFinite(rss)) return undefined;
    return { rssMiB: rss / 1024, hwmMiB: (Number.isFinite(hwm) ? hwm : rss) / 1024 };
  } catch {
    return undefined;
  }
}

/**
 * Samples the summed VmRSS of some processes every `intervalMs` while a phase runs and keeps
 * the largest sum (a phase's server peak memory). VmHWM per process covers the moments between
 * samples; `peakHwmMiB` reads it when the sampler stops.
 */
export class MemorySampler {
  private timer: NodeJS.Timeout | undefined;
  peakRssMiB = 0;

  constructor(
    private readonly pids: number[],
    private readonly intervalMs = 100,
  ) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
  }

  private sample(): void {
    let sum = 0;
    for (const pid of this.pids) sum += readMemory(pid)?.rssMiB ?? 0;
    if (sum > this.peakRssMiB) this.peakRssMiB = sum;
  }

  /** Stops sampling; returns the peak summed RSS seen, in MiB (undefined without /proc). */
  stop(): number | undefined {
    this.sample();
    clearInterval(this.timer);
    return this.peakRssMiB > 0 ? this.peakRssMiB : undefined;
  }
}

/** The summed VmHWM (each process's own peak RSS since it started), MiB. */
export function peakHwmMiB(pids: number[]): number | undefined {
  let sum = 0;
  for (const pid of pids) sum += readMemory(pid)?.hwmMiB ?? 0;
  return sum > 0 ? sum : undefined;
}
