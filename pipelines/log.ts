// Terse, timed log lines on stderr (stdout is kept for results such as `libu sql --format csv`).
// Progress: a rewriting bar on a terminal, plain lines otherwise. Messages are CPR-masked: a log line may
// quote a file name or a cell.
import { maskCpr } from "./cpr.ts";

export interface Output {
  write(text: string): void;
  isTTY?: boolean;
}

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  /** Runs `work`, then logs `message` with the elapsed time. */
  timed<T>(message: string, work: () => Promise<T>): Promise<T>;
  progress(label: string, done: number, total: number): void;
}

export function formatDuration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

export function createLogger(out: Output, quiet = false): Logger {
  let lastPlain = 0;
  return {
    info(message) {
      if (!quiet) out.write(`${maskCpr(message)}\n`);
    },
    warn(message) {
      out.write(`advarsel: ${maskCpr(message)}\n`);
    },
    async timed(message, work) {
      const start = performance.now();
      const result = await work();
      if (!quiet) out.write(`${maskCpr(message)} (${formatDuration(performance.now() - start)})\n`);
      return result;
    },
    progress(label, done, total) {
      if (quiet || total <= 0) return;
      const share = Math.min(1, done / total);
      if (out.isTTY) {
        const width = 30;
        const filled = Math.round(share * width);
        out.write(`\r${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${Math.round(share * 100)}%`);
        if (done >= total) out.write("\n");
      } else if (share - lastPlain >= 0.25 || done >= total) {
        lastPlain = done >= total ? 0 : share; // the next progress starts from 0 again
        out.write(`${label} ${Math.round(share * 100)}%\n`);
      }
    },
  };
}
