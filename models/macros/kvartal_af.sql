-- The quarter of a date as the warehouse writes it, `YYYYKn` (2026-08-14 → 2026K3): the key int_kvartaler's
-- kvartal is joined on, so a record falls in the quarter of its event day by a hash join, not a range join.
-- No date, no quarter: NULL, not 'K' (concat skips NULL arguments; the || operator keeps them).
create or replace macro kvartal_af (d) as year(d)::varchar || 'K' || quarter(d)::varchar
