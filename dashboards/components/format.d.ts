// Types for format.js (plain JS so that Framework serves it as is), for the TypeScript tests and the PDF.
export const STREG: string;
export function tegnforklaring(g: number): string;
export function tal(x: number | null | undefined, decimals?: number): string;
export function pct(share: number | null | undefined, decimals?: number): string;
export function point(diff: number | null | undefined, decimals?: number): string;
export function aendring(diff: number | null | undefined, decimals?: number): string;
export function kvartal(k: string | null | undefined): string;
export function kvartalStart(k: string): Date;
export function dato(d: Date | string | null | undefined): string;
export function kvartalAfDato(d: Date | string): string;
export function kvartalId(d: Date | string): string;
export function forrigeKvartal(k: string): string;
export function kvartalAaretFoer(k: string): string;
export function vaerdi(row: { art: string; vaerdi: number | null; undertrykt?: string | null } | null | undefined, graense: number): string;
