// Types for tilsyn-tekster.js (plain JS so that Framework serves it as is).
export function skjultTekst(kode: string | null | undefined, g: number): string;
