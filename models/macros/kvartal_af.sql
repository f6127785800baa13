-- The quarter of a date as the warehouse writes it, `YYYYKn` (2026-08-14 → 2026K3): the key int_kvartaler's
-- kvartal is joined on, so a record falls in the quarter of its event day by a hash join, not a range join.
create or replace macro kvartal_af (d) as concat(year(d), 'K', quarter(d))
