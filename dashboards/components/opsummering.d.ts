// Types for opsummering.js.
export const HOVEDTAL: string[];
export const STATUSTEKST: Record<string, string>;
export function emne(def: { navn?: string; kpi?: string; art?: string }): string;
export function opsummering(data: unknown, kvartal: string, kpis?: string[]): string[];
export function indledning(kvartal: string): string;
