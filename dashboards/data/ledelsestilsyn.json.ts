// Data loader (run by Framework through tsx): the ledelsestilsyn's review results, suppressed, as JSON.
import { emit, ledelsestilsynData } from "./_kilde.ts";

await emit(ledelsestilsynData);
