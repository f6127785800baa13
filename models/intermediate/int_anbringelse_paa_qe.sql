-- Each child's placement on each quarter's qe (kpis.md "placement on day D"): among the child's
-- placements active on qe the one with the latest startet; ties → higher trin, then the greater
-- foranstaltning_id (compared as text, the contract's type for ids).
with
  aktive as (
    select
      kvartal,
      barn_id,
      foranstaltning_id,
      gruppe,
      trin,
      startet,
      samtykke,
      enhed
    from
      int_foranstaltninger_paa_qe
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
      kvartal,
      barn_id
    order by
      startet desc,
      trin desc,
      foranstaltning_id desc
  ) = 1
