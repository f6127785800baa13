// Data loader (run by Framework through tsx): the releases and what they published, as JSON.
import { udgivelserData } from "../../pipelines/release/site-data.ts";
import { emit } from "./_kilde.ts";

await emit((wh) => udgivelserData(wh));
