-- Every measure active on each quarter's qe (kpis.md "Active on day D"), with the quarter's dates.
-- Shared by KPI 13, the trin and placement models and mart_udgifter_kvartal.
with
  foranstaltninger as (
    -- An open end is active for ever; a far-future date keeps the join a plain range join.
    select
      *,
      coalesce(ophoert, date '9999-12-31') as slut
    from
      stg_foranstaltninger
  )
select
  k.kvartal,
  k.qs,
  k.qe,
  k.ws,
  k.d0,
  f.foranstaltning_id,
  f.barn_id,
  f.foedselsdato,
  f.type,
  f.er_anbringelse,
  f.gruppe,
  f.trin,
  f.startet,
  f.ophoert,
  f.samtykke,
  f.aarlig_udgift,
  f.enhed
from
  foranstaltninger as f
  join int_kvartaler as k on f.startet <= k.qe
  and f.slut >= k.qe
