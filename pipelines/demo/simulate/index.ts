// One municipality simulated day by day from the start of the period to the day before the as-of date:
// notifications arrive, are assessed and acknowledged, some lead to investigations, investigations to
// measures, placements end, continue or step down the indsatstrappe; plans, follow-ups, conversations and
// supervision visits are held more or less on time. The result is typed records (simulate → rows.ts → files).
//
// The story of the period: the municipality went live with its current case system on `windowStart` (W),
// four years before the as-of date. What was active then was migrated: cases with their original dates,
// investigations whose four-month deadline had not yet passed (completed or not, so the first quarters'
// deadlines are judged on all of them), the last year's plans, follow-ups, conversations and visits, and
// every active measure — simulated from its real start (so its documents fall where they would), but
// registered in the new system from the go-live day (rows.ts), as were the caseworkers.
//
// Why not keep the measures' original start dates: the KPI mart reports every quarter since 2015 in which a
// KPI has a row, and a stock KPI (placed children, caseload, follow-ups, visits) has a row in every quarter
// in which some record is active. Measures dating back to 2015 therefore produced 2015–2022 quarters counting
// only the placements that survived to W, with no visits, follow-ups or notifications behind them — figures
// that look real and are not. Generating the whole history instead would make a twelve-year demo, not the
// four years the issue asks for. So nothing in the export is active before W, every KPI's first reported
// quarter lies in the window, and each reported quarter has the data to judge it. The price is the go-live
// itself, visible in W's quarter as after a real conversion: a burst of "new" measure records (KPI 10), about
// half of them without a conversation with the child in the six months before (KPI 12). So the export says, as a
// municipality's should, that its data are complete from the day after W (data_fra in libu-manifest.json,
// generate.ts), and W's quarter is not reported; follow-ups, visits and steps down the indsatstrappe (KPIs 13,
// 14, 19) are judged once their look-back lies after go-live.
//
// The simulation is one explicit world (world.ts) that each step works on, in this order; the steps are the
// files of this folder. The order is the story's, and it is also the order of the draws from the world's one
// random stream: the same seed gives the same files only as long as it stays so (world.ts: how to add a step).
import { handOn, hireCaseworkers } from "./caseworkers.ts";
import { scheduleLawChange } from "./measures.ts";
import { migrate } from "./migration.ts";
import { runDays } from "./notifications.ts";
import { bornChildren, populationOnJan1 } from "./population.ts";
import { type SimInput, type Simulation, createWorld } from "./world.ts";

export type { Bfu, Case, Child, Doc, Measure, Notification, SimInput, Simulation, Worker } from "./world.ts";

export function simulate(input: SimInput): Simulation {
  const w = createWorld(input);
  bornChildren(w);
  hireCaseworkers(w);
  migrate(w);
  scheduleLawChange(w);
  runDays(w);
  const population = populationOnJan1(w);
  handOn(w);
  const { muni, W: windowStart, asOf, children, notifications, bfus, measures, cases, plans, followups, conversations, visits, workers } = w;
  return { muni, windowStart, asOf, children, notifications, bfus, measures, cases, plans, followups, conversations, visits, workers, population };
}
