import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time (user + system, ms) process `pid` has used so far, from /proc (Linux; 100 ticks a
 * second); undefined where /proc does not tell it.
 */
export function cpuMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/**
 * How long (ms) the main thread of process `pid` has so far waited for a core while ready to run,
 * from /proc (Linux, `schedstat`); undefined where /proc does not tell it.
 */
export function runQueueWaitMs(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
  } catch {
    return undefined;
  }
}

/**
 * CPU time (ms) each thread of process `pid` has used so far, by thread id, the main thread first,
 * from /proc (Linux, `schedstat`: nanoseconds). Empty where /proc does not tell it.
 */
export function threadCpuMs(pid: number | undefined): Map<string, number> {
  const byThread = new Map<string, number>();
  if (!pid) return byThread;
  try {
    const others = readdirSync(`/proc/${pid}/task`).filter((tid) => tid !== String(pid));
    for (const tid of [String(pid), ...others]) {
      try {
        const ns = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]);
        byThread.set(tid, ns / 1e6);
      } catch {
        // The thread ended meanwhile.
      }
    }
  } catch {
    // No /proc here.
  }
  return byThread;
}
