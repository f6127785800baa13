// Data loader (run by Framework through tsx): the suppressed figures for the site, as JSON.
import { emit, kpiData } from "./_kilde.ts";

await emit(kpiData);
