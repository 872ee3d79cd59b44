/**
 * Who holds the machine's cores while a window starts: every process's processor time, read from
 * /proc (Linux) every few milliseconds, so that a benchmark can say what each of VS Code's
 * processes used in an interval the extension host timed. Both sides read the system's monotonic
 * clock (`process.hrtime`), so the extension host's times can be compared with the samples here.
 * It keeps each process's stat file open and reads it again (one system call a process a sample),
 * so the sampling itself takes a few percent of one core; it is counted with the benchmark's own
 * process. Prints nothing and asserts nothing: the first-findings benchmark reports it.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync } from 'node:fs';

/** Microseconds on the system's monotonic clock: the extension host's `process.hrtime` reads the same one. */
export function monotonicMicroseconds(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** A time on this process's `performance.now()` clock, on the system's monotonic clock in microseconds ('' for none). */
export function onSystemClock(at: number | undefined): string {
  return at === undefined ? '' : (monotonicMicroseconds() - (performance.now() - at) * 1000).toFixed(0);
}

/** What a process is, from its command line, in the words of the benchmark's report. */
function roleOf(pid: number, commandLine: string): string {
  if (pid === process.pid) return 'the benchmark (Playwright)';
  if (commandLine.includes('--type=extensionHost')) return 'extension host';
  if (commandLine.includes('--type=fileWatcher')) return 'file watcher';
  if (commandLine.includes('code-server')) return 'code-server';
  if (!commandLine.includes('chromium')) return 'other';
  if (commandLine.includes('--type=renderer')) return 'renderer';
  if (commandLine.includes('--type=gpu-process')) return 'compositor (GPU process)';
  return 'browser, other';
}

interface Sample {
  at: number;
  /** Processor time so far, in clock ticks, by process id. */
  ticks: Map<number, number>;
}

export class ProcessorShare {
  private readonly samples: Sample[] = [];
  private readonly roles = new Map<number, string>();
  /** An open /proc/PID/stat per user process: read again from its start, one system call a sample. */
  private readonly statFiles = new Map<number, number>();
  private readonly buffer = Buffer.alloc(1024);
  private readonly tickMs: number;
  private timer: NodeJS.Timeout | undefined;

  /** Whether this machine has /proc: elsewhere the sampler records nothing. */
  static readonly available = existsSync('/proc/self/stat');

  constructor(private readonly everyMs = 20) {
    const perSecond = ProcessorShare.available ? Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' })) : 100;
    this.tickMs = 1000 / (perSecond || 100);
  }

  start(): void {
    if (!ProcessorShare.available || this.timer) return;
    this.samples.length = 0;
    this.timer = setInterval(() => this.sample(), this.everyMs);
    this.sample();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    for (const file of this.statFiles.values()) closeSync(file);
    this.statFiles.clear();
  }

  /**
   * Milliseconds of processor time each kind of process used between two monotonic times (µs),
   * from the last sample before `from` to the first after `to`: a process that started in
   * between counts from nothing. Undefined when the samples do not cover the interval.
   */
  usedBetween(from: number, to: number): { sampledMs: number; used: Map<string, number> } | undefined {
    const before = this.samples.filter((sample) => sample.at <= from).pop();
    const after = this.samples.find((sample) => sample.at >= to);
    if (!before || !after) return undefined;
    const used = new Map<string, number>();
    for (const [pid, ticks] of after.ticks) {
      const role = this.roles.get(pid) ?? 'other';
      used.set(role, (used.get(role) ?? 0) + (ticks - (before.ticks.get(pid) ?? 0)) * this.tickMs);
    }
    return { sampledMs: (after.at - before.at) / 1000, used };
  }

  private sample(): void {
    const at = monotonicMicroseconds();
    // New processes are looked for now and then; known ones are read every time.
    if (this.samples.length % 5 === 0) this.findProcesses();
    const ticks = new Map<number, number>();
    for (const [pid, file] of this.statFiles) {
      try {
        const stat = this.buffer.toString('latin1', 0, readSync(file, this.buffer, 0, this.buffer.length, 0));
        // Fields after the command's name (which may hold spaces): utime and stime are the 12th and 13th.
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks.set(pid, Number(fields[11]) + Number(fields[12]));
      } catch {
        closeSync(file); // the process has ended
        this.statFiles.delete(pid);
      }
    }
    this.samples.push({ at, ticks });
  }

  private findProcesses(): void {
    for (const name of readdirSync('/proc')) {
      const pid = Number(name);
      if (!Number.isInteger(pid)) continue;
      try {
        // Read again each time: a process forked from Chromium's zygote, or by code-server before it
        // runs its own program, first shows its parent's command line. Kernel threads have none.
        const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'latin1');
        if (!commandLine) continue;
        this.roles.set(pid, roleOf(pid, commandLine));
        if (!this.statFiles.has(pid)) this.statFiles.set(pid, openSync(`/proc/${pid}/stat`, 'r'));
      } catch {
        // The process ended between the listing and the read.
      }
    }
  }
}

/** Each kind of process's share of an interval, busiest first. */
export function describeShare(used: Map<string, number>): string {
  return [...used]
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([role, ms]) => `${role} ${ms.toFixed(0)}`)
    .join(', ');
}
