-- Placements per complete quarter for the page "Anbringelser og indsatstrappen", kommune and per unit:
-- children placed on qe by the gruppe of their placement on qe (counted in that placement's unit), and
-- the placement records started and ended in the quarter by their own gruppe and unit.
with
  anbragte as (
    select
      kvartal,
      enhed,
      gruppe,
      barn_id,
      1 as anbragt,
      0 as ny,
      0 as ophoert
    from
      int_anbringelse_paa_qe
  ),
  bevaegelser as (
    select
      k.kvartal,
      f.enhed,
      f.gruppe,
      f.barn_id,
      0 as anbragt,
      case
        when f.startet between k.qs and k.qe then 1
        else 0
      end as ny,
      case
        when f.ophoert between k.qs and k.qe then 1
        else 0
      end as ophoert
    from
      stg_foranstaltninger as f
      join int_kvartaler as k on f.startet <= k.qe
      and coalesce(f.ophoert, date '9999-12-31') >= k.qs
    where
      f.er_anbringelse
      and (
        f.startet between k.qs and k.qe
        or f.ophoert between k.qs and k.qe
      )
  ),
  poster as (
    select
      *
    from
      anbragte
    union all
    select
      *
    from
      bevaegelser
  )
  -- Each child has one placement on qe, so summing anbragt counts distinct children at both levels.
select
  kvartal,
  case
    when grouping (enhed) = 1 then 'kommune'
    else 'enhed'
  end as niveau,
  enhed,
  gruppe,
  cast(sum(anbragt) as integer) as anbragte,
  cast(sum(ny) as integer) as nye,
  cast(sum(ophoert) as integer) as ophoerte
from
  poster
group by
  grouping sets ((kvartal, gruppe), (kvartal, enhed, gruppe))
order by
  kvartal,
  niveau desc,
  enhed nulls first,
  gruppe
