// Synthetic CPR numbers: a real birth date, a 7th digit that gives the right century under the CPR
// office's rule (pipelines/cpr.ts cprCentury), an odd last digit for boys. Unique by construction:
// each (birth date, sex) has its own counter, spread over the 3,000 possible serials by a fixed stride,
// so no set of issued numbers has to be kept even for a national-scale set.
import { cprCentury } from "../cpr.ts";
import { type Day, parts } from "./dates.ts";
import type { Rng } from "./random.ts";

// Per 7th digit: 100 middle pairs × 5 last digits of one parity = 500 serials.
const STRIDE = 1087; // a prime, so coprime with every 500 × k

export class CprIssuer {
  private counters = new Map<number, number>();
  private offsets = new Map<number, number>();
  private centuryDigits = new Map<number, number[]>();

  constructor(private rng: Rng) {}

  issue(born: Day, boy: boolean): string {
    const p = parts(born);
    const yy = p.y % 100;
    // The 7th digits that give this birth year's century.
    let sevenths = this.centuryDigits.get(p.y);
    if (!sevenths) {
      sevenths = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].filter((s) => cprCentury(s, yy) + yy === p.y);
      this.centuryDigits.set(p.y, sevenths);
    }
    if (sevenths.length === 0) throw new Error(`no CPR century digit for ${p.y}`);
    const key = born * 2 + (boy ? 1 : 0);
    const n = this.counters.get(key) ?? 0;
    let offset = this.offsets.get(key);
    if (offset === undefined) {
      offset = Math.floor(this.rng.next() * 5000);
      this.offsets.set(key, offset);
    }
    const capacity = sevenths.length * 500;
    if (n >= capacity) throw new Error(`more than ${capacity} CPR numbers for one birth date`);
    this.counters.set(key, n + 1);
    const c = (offset + n * STRIDE) % capacity;
    const seventh = sevenths[Math.floor(c / 500)];
    const rest = c % 500;
    const middle = Math.floor(rest / 5);
    const last = 2 * (rest % 5) + (boy ? 1 : 0);
    const pad = (x: number) => String(x).padStart(2, "0");
    return `${pad(p.d)}${pad(p.m)}${pad(yy)}${seventh}${pad(middle)}${last}`;
  }
}
