-- Each child's placement on each quarter's qe (kpis.md "placement on day D"): among the child's
-- placements active on qe the one with the latest startet; ties → higher trin, then the greater
-- foranstaltning_id (compared as text, the contract's type for ids).
with
  aktive as (
    select
      k.kvartal,
      f.barn_id,
      f.foranstaltning_id,
      f.gruppe,
      f.trin,
      f.startet,
      f.samtykke,
      f.enhed
    from
      stg_foranstaltninger as f
      -- An open end is active for ever; a far-future date keeps this a plain range join.
      join int_kvartaler as k on f.startet <= k.qe
      and coalesce(f.ophoert, date '9999-12-31') >= k.qe
    where
      f.er_anbringelse
  )
select
  *
from
  aktive
qualify
  row_number() over (
    partition by
      kvartal,
      barn_id
    order by
      startet desc,
      trin desc,
      foranstaltning_id desc
  ) = 1
