// Data loader (run by Framework through tsx): this page's part of the published system (suppressed and audited), as JSON.
import { emit } from "./_kilde.ts";

await emit("kpi");
