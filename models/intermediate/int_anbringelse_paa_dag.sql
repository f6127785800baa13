-- Each child's placement on each status day (docs/method.md "placement on day D"): among the child's placements
-- active on the day the one with the latest startet; ties → higher trin, then the greater foranstaltning_id
-- (compared as text, the contract's type for ids).
with
  aktive as (
    select
      dag,
      kvartal,
      barn_id,
      foranstaltning_id,
      gruppe,
      trin,
      startet,
      samtykke,
      enhed,
      sagsbehandler_id
    from
      int_foranstaltninger_paa_dag
    where
      er_anbringelse
  )
select
  *
from
  aktive
qualify
  row_number() over (
    partition by
      dag,
      barn_id
    order by
      startet desc,
      trin desc,
      foranstaltning_id desc
  ) = 1
