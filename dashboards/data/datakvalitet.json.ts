// Data loader (run by Framework through tsx): the suppressed figures for the site, as JSON.
import { emit, datakvalitetData } from "./_kilde.ts";

await emit(datakvalitetData);
