// Complementary suppression by audit: sign the zeros of every table part that has a hidden cell, audit
// the published system, then take each quantity that can still be pinned or narrowed to convergence in its own
// part of the system (hide the cell the rules or trials name, re-audit that part, again), and audit the whole
// again, until it finds nothing. The build fails when a leak has nothing left to hide.
import { LibuError } from "../errors.ts";
import { audit, type AuditResult, type Leak } from "./audit.ts";
import { domainOf, isZeroSigned, targets, zeroSigned } from "./knowledge.ts";
import { groupsByCell, sizeOf, smallWhy, type Cell, type Field, type Identity, type PublishedCells } from "./system.ts";

export interface ProtectReport {
  /** Cells hidden by the primary rules (counts and denominators below the threshold, category shares). */
  primary: number;
  /** Zero cells published with the sign `<g` because their table part has a hidden cell. */
  zeros: number;
  /** Cells hidden only so that the others cannot be worked out (the audit's extra cells). */
  complementary: number;
  /** Of those, municipality-level figures. */
  complementaryMunicipality: number;
  /** Hidden figures given the neutral sign (`–` whatever their range), where `<g` and `–` would pin a count. */
  neutral: number;
  rounds: number;
  solves: number;
  targets: number;
  ms: number;
  last: AuditResult;
}

/** A shown zero in a table part with a hidden cell gets the sign `<g` (then `<g` means 0 … g−1 there). */
function signZeros(sys: PublishedCells): number {
  let signed = 0;
  sys.cells.forEach((c, i) => {
    if (c.state !== "shown") signed += signZerosFrom(sys, i);
  });
  return signed;
}

/**
 * The zeros a hidden cell signs: the shown zeros of the table parts it is in, and on through the parts of each zero
 * that gets the sign (a signed zero is a hidden cell of its other parts too).
 */
function signZerosFrom(sys: PublishedCells, start: number): number {
  const groupsOf = groupsByCell(sys);
  let signed = 0;
  const queue = [start];
  while (queue.length) {
    const i = queue.pop()!;
    for (const g of groupsOf[i])
      for (const j of sys.groups[g]) {
        const c = sys.cells[j];
        if (c.state !== "shown" || !c.grid || sizeOf(c) !== 0) continue;
        [c.state, c.why] = ["small", smallWhy(c)];
        signed++;
        queue.push(j);
      }
  }
  return signed;
}

/** Hides a cell: `–` (komplementaer), or for a zero the sign `<g` its table part's zeros carry. */
function hide(c: Cell): void {
  [c.state, c.why] = sizeOf(c) === 0 ? ["small", smallWhy(c)] : ["hidden", "komplementaer"];
}

/**
 * One identity alone, by interval arithmetic over the other fields' domains: does it pin or narrow the field
 * (cell, field) below 1 … g−1? Catches most leaks (a total minus shown parts) without a solver.
 */
function narrowsAlone(sys: PublishedCells, id: Identity, cell: number, field: Field, inTable: (i: number) => boolean): boolean {
  const g = sys.threshold;
  const own = id.terms.filter((t) => t.cell === cell && t.field === field);
  if (own.length !== 1) return false;
  const ct = own[0].coef;
  let lo = 0;
  let hi = 0;
  for (const t of id.terms) {
    if (t === own[0]) continue;
    const [a, b] = domainOf(sys.cells[t.cell], t.field, g, inTable(t.cell));
    lo += Math.min(t.coef * a, t.coef * b);
    hi += Math.max(t.coef * a, t.coef * b);
  }
  // ct·x = −Σ others (or ≤): bounds on x.
  const [xlo, xhi] = ct > 0 ? [-hi / ct, -lo / ct] : [-lo / ct, -hi / ct];
  if (id.op === "=") return xhi < g - 1 - 1e-9 || xlo > 1 + 1e-9;
  return ct > 0 ? xhi < g - 1 - 1e-9 : xlo > 1 + 1e-9;
}

function cheapestShown(sys: PublishedCells, cells: Iterable<number>, except: number): number | null {
  let best: number | null = null;
  for (const j of cells) {
    if (j === except || sys.cells[j].state !== "shown") continue;
    if (best === null || sys.cells[j].cost < sys.cells[best].cost || (sys.cells[j].cost === sys.cells[best].cost && j < best)) best = j;
  }
  return best;
}

/**
 * Rule-based pass before the audit: every single identity that by itself narrows a hidden small count or
 * denominator gets its cheapest shown cell hidden, until none does (the audit then finds what only several
 * identities together give away).
 */
function localPass(sys: PublishedCells, byVar: Map<string, Identity[]>): Set<number> {
  const hiddenNow = new Set<number>();
  let changed = true;
  while (changed) {
    changed = false;
    signZeros(sys);
    const signed = zeroSigned(sys);
    const inTable = (i: number) => signed.has(i);
    for (const t of targets(sys)) {
      if (t.terms.length !== 1 || t.offset !== 0) continue;
      const { cell, field } = t.terms[0];
      for (const id of byVar.get(`${cell}|${field}`) ?? []) {
        if (!narrowsAlone(sys, id, cell, field, inTable)) continue;
        const j = cheapestShown(sys, id.terms.map((x) => x.cell), cell);
        if (j === null) continue;
        hide(sys.cells[j]);
        hiddenNow.add(j);
        changed = true;
      }
    }
  }
  return hiddenNow;
}

/**
 * The cell to hide for a leak: in an identity that narrows it alone; else in the identities the linear
 * relaxation's proof of the bound rests on, those with the fewest hidden cells first (an identity with one hidden
 * cell pins that cell: hiding a shown cell there frees it, where hiding one more part of a long sum does not);
 * else next to its fields; else the nearest shown cell.
 */
function nextToHide(sys: PublishedCells, leak: Leak, neighbours: number[][], byVar: Map<string, Identity[]>): number | null {
  const inTable = (i: number) => isZeroSigned(sys, i);
  const start = leak.target.cell;
  if (sys.cells[start].state === "shown") return start;
  const own = leak.target.terms.flatMap((t) => (byVar.get(`${t.cell}|${t.field}`) ?? []).map((id) => ({ id, t })));
  for (const { id, t } of own)
    if (narrowsAlone(sys, id, t.cell, t.field, inTable)) {
      const j = cheapestShown(sys, id.terms.map((x) => x.cell), start);
      if (j !== null) return j;
    }
  const hiddenCells = (id: Identity) => new Set(id.terms.filter((x) => sys.cells[x.cell].state !== "shown").map((x) => x.cell)).size;
  const candidates = leak.binding
    .map((i) => sys.identities[i])
    .map((id) => ({ hidden: hiddenCells(id), j: cheapestShown(sys, id.terms.map((x) => x.cell), start) }))
    .filter((c): c is { hidden: number; j: number } => c.j !== null)
    .sort((a, b) => a.hidden - b.hidden || sys.cells[a.j].cost - sys.cells[b.j].cost || a.j - b.j);
  if (candidates.length) return candidates[0].j;
  return null;
}

/** The shown cells near a leak's cell (its identities' cells, then theirs), cheapest first. */
function nearby(sys: PublishedCells, start: number, neighbours: number[][], hops = 2): number[] {
  const seen = new Set([start]);
  let layer = [start];
  const out: number[] = [];
  for (let h = 0; h < hops && layer.length; h++) {
    const next: number[] = [];
    for (const i of layer)
      for (const j of neighbours[i]) {
        if (seen.has(j)) continue;
        seen.add(j);
        next.push(j);
        if (sys.cells[j].state === "shown") out.push(j);
      }
    layer = next;
  }
  return out.sort((a, b) => sys.cells[a].cost - sys.cells[b].cost || a - b);
}

/** The hidden cells near a leak's cell (two identities away). */
function nearbyHidden(sys: PublishedCells, start: number, neighbours: number[][], hops = 2): number[] {
  const seen = new Set([start]);
  let layer = [start];
  for (let h = 0; h < hops && layer.length; h++) {
    const next: number[] = [];
    for (const i of layer) for (const j of neighbours[i]) if (!seen.has(j)) (seen.add(j), next.push(j));
    layer = next;
  }
  return [...seen].filter((i) => i !== start && sys.cells[i].state !== "shown");
}

function neutralize(c: Cell): void {
  c.state = "hidden";
  c.why = "komplementaer";
  c.neutral = true;
}

/** The nearest shown cell of all (the last resort). */
function nearest(sys: PublishedCells, start: number, neighbours: number[][]): number | null {
  const seen = new Set([start]);
  let layer = [start];
  while (layer.length) {
    const shown: number[] = [];
    const next: number[] = [];
    for (const i of layer)
      for (const j of neighbours[i]) {
        if (seen.has(j)) continue;
        seen.add(j);
        (sys.cells[j].state === "shown" ? shown : next).push(j);
      }
    if (shown.length) return shown.sort((a, b) => sys.cells[a].cost - sys.cells[b].cost || a - b)[0];
    layer = next;
  }
  return null;
}

/** Hides each candidate in turn (then shows it again); the first that leaves the leak's quantity unnarrowed, or null. */
async function trial(sys: PublishedCells, leak: Leak, candidates: number[], cache: Map<string, Leak[]>, limit = 40): Promise<number | null> {
  for (const j of candidates.slice(0, limit)) {
    const c = sys.cells[j];
    const saved = { state: c.state, why: c.why };
    hide(c);
    const res = await audit(sys, { cache, only: leak.target.cell });
    [c.state, c.why] = [saved.state, saved.why];
    if (!res.leaks.some((l) => l.target.label === leak.target.label)) return j;
  }
  return null;
}

export interface ProtectOptions {
  maxRounds?: number;
  log?: (line: string) => void;
}

/** Steps one leak gets within a round before the loop moves on (the next round's audit comes back to it). */
const STEPS_PER_LEAK = 8;

/**
 * Runs the loop on `sys` (changes the cells' states in place). Throws when the system cannot be made safe.
 *
 * Each round audits the whole system; then each leak in turn is taken to convergence in its own part of the
 * system: the audit of that part alone (`only`: the cells linked to it through unknowns) says whether it is still
 * narrowed, the rules or the trials choose one cell to hide, and again, until that part's audit no longer narrows
 * it (a later leak whose part an earlier one's changes already freed costs one small audit). Parts of the system
 * are independent, so a large municipality's hundreds of leaks are settled in one or two rounds instead of one
 * per part per round. Only a whole audit that finds nothing ends the loop: the criterion is the whole system's.
 */
export async function protect(sys: PublishedCells, opts: ProtectOptions): Promise<ProtectReport> {
  const started = Date.now();
  const primary = sys.cells.filter((c) => c.state !== "shown").length;
  const neighbours: number[][] = sys.cells.map(() => []);
  for (const id of sys.identities) {
    const cells = [...new Set(id.terms.map((t) => t.cell))];
    for (const a of cells) for (const b of cells) if (a !== b) neighbours[a].push(b);
  }
  const byVar = new Map<string, Identity[]>();
  for (const id of sys.identities)
    for (const t of id.terms) {
      const k = `${t.cell}|${t.field}`;
      const list = byVar.get(k);
      if (list) list.push(id);
      else byVar.set(k, [id]);
    }
  let zeros = signZeros(sys);
  const complementary = localPass(sys, byVar);
  zeros += signZeros(sys);
  const cache = new Map<string, Leak[]>();
  const debug = process.env.LIBU_AUDIT_DEBUG ? (line: string) => opts.log?.(line) : () => {};
  let neutral = 0;
  let solves = 0;
  let rounds = 0;
  let last: AuditResult;
  const hideOne = (j: number, why: string) => {
    hide(sys.cells[j]);
    complementary.add(j);
    zeros += signZerosFrom(sys, j);
    debug(`  skjuler ${sys.cells[j].key} for ${why}`);
  };
  for (;;) {
    rounds++;
    last = await audit(sys, { cache });
    solves += last.solves;
    opts.log?.(`tjek af diskretion, runde ${rounds}: ${last.targets} skjulte små tal, ${last.leaks.length} kan regnes ud eller indsnævres (${last.ms} ms)`);
    for (const l of last.leaks.slice(0, 40)) debug(`  ${l.target.label} = ${l.target.value}: ${l.lo}–${l.hi}`);
    if (last.leaks.length === 0) break;
    if (rounds >= (opts.maxRounds ?? 50)) throw unsafe(last.leaks, `efter ${rounds} runder`);
    const stuck: Leak[] = [];
    let changes = 0;
    // A quantity that rests on a shown cell (a revision: today's figure beside the release's) is closed by hiding
    // that cell and nothing else can close it: hide all of those first, so no other leak's part is given a
    // complementary cell that one of them makes needless (two revised figures in one column free each other).
    for (const leak of last.leaks)
      if (sys.cells[leak.target.cell].state === "shown") {
        hideOne(leak.target.cell, leak.target.label);
        changes++;
      }
    for (const first of last.leaks) {
      let leak: Leak | undefined = first;
      for (let step = 0; ; step++) {
        if (step > 0 || changes > 0) {
          // The leak's part of the system as it is now (earlier changes this round may have freed it).
          const local = await audit(sys, { cache, only: first.target.cell });
          solves += local.solves;
          leak = local.leaks.find((l) => l.target.label === first.target.label);
        }
        if (!leak) break;
        if (step >= STEPS_PER_LEAK) {
          stuck.push(leak);
          break;
        }
        // The rules first; where they have nothing to say (the bound rests on several identities and on the
        // integers), try the nearby cells, cheapest first, and keep the first whose hiding lets the audit widen
        // it. A leak the rules' choice did not close in two steps goes to the trials first.
        const rule = () => nextToHide(sys, leak!, neighbours, byVar);
        const tried = () => trial(sys, leak!, nearby(sys, leak!.target.cell, neighbours), cache);
        const j = step >= 2 ? ((await tried()) ?? rule()) : (rule() ?? (await tried()));
        if (j !== null && step < 4) {
          hideOne(j, leak.target.label);
          changes++;
          continue;
        }
        // Nothing to hide helps: the signs themselves bound it (`<5` says ≤ 4, `–` says ≥ 5). The hidden figures
        // around it get a sign that says nothing of their range.
        const around = [leak.target.cell, ...nearbyHidden(sys, leak.target.cell, neighbours)];
        const changed = around.filter((i) => !sys.cells[i].neutral);
        for (const i of changed) neutralize(sys.cells[i]);
        neutral += changed.length;
        debug(`  neutralt tegn for ${changed.length} tal omkring ${leak.target.label}`);
        if (changed.length) {
          changes++;
          continue;
        }
        // Already neutral around it: hide the next cell the rules name, else the nearest shown cell of all.
        const k = j ?? nearest(sys, leak.target.cell, neighbours);
        if (k === null) {
          stuck.push(leak);
          break;
        }
        hideOne(k, leak.target.label);
        changes++;
      }
    }
    // Nothing left to hide or sign for any leak: the build fails.
    if (changes === 0) throw unsafe(stuck.length ? stuck : last.leaks, "og der er intet tal tilbage at skjule");
  }
  const extra = [...complementary].filter((i) => sys.cells[i].state === "hidden" || sys.cells[i].state === "small");
  return {
    primary,
    zeros,
    complementary: extra.length,
    complementaryMunicipality: extra.filter((i) => sys.cells[i].cost >= MUNICIPALITY_COST).length,
    neutral,
    rounds,
    solves,
    targets: last.targets,
    ms: Date.now() - started,
    last,
  };
}

/** Cells at or above this cost are municipality-level figures (the builders add it to their cost). */
export const MUNICIPALITY_COST = 1_000_000;

function unsafe(leaks: Leak[], why: string): LibuError {
  const list = leaks.slice(0, 5).map((l) => `  ${l.target.label}: kan bestemmes til ${l.lo === l.hi ? l.lo : `${l.lo}–${l.hi}`}`);
  return new LibuError(
    `diskretionstjekket kan ikke vise, at de offentliggjorte tal er sikre (${why}); ${leaks.length} skjult(e) lille/små tal kan regnes ud:\n${list.join("\n")}\n` +
      `Ret undertrykkelsesreglerne (pipelines/suppress.ts) eller offentliggør færre opdelinger; intet er bygget.`,
  );
}
