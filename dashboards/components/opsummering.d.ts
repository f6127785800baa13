// Types for opsummering.js.
export function hovedtalKpis(data: { definitioner: { kpi: string; hovedtal_nr?: number | null }[] }): string[];
export const STATUSTEKST: Record<string, string>;
export function emne(def: { navn?: string; kpi?: string; art?: string; emne?: string | null }): string;
export function opsummering(data: unknown, kvartal: string, kpis?: string[]): string[];
export function indledning(kvartal: string): string;
