-- Each child's case on the worklists' date, so that every row of a list carries the case system's sag_id and
-- a caseworker: the case active on the date (oprettet ≤ dato, lukket empty or ≥ dato; docs/method.md "active on a
-- day D"), else the latest case opened before it; among several the latest oprettet, then the greater sag_id.
select
  s.barn_id,
  s.sag_id,
  s.enhed,
  s.sagsbehandler_id,
  aktiv_paa (s.oprettet, s.lukket, p.dato) as aktiv
from
  stg_sager as s
  cross join int_arbejdsliste_parametre as p
where
  s.oprettet <= p.dato
qualify
  row_number() over (
    partition by
      s.barn_id
    order by
      aktiv_paa (s.oprettet, s.lukket, p.dato) desc,
      s.oprettet desc,
      s.sag_id desc
  ) = 1
