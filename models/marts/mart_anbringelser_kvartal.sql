-- Placements per complete quarter for the page "Anbringelser og indsatstrappen", kommune and per unit:
-- children placed on qe by the gruppe of their placement on qe (counted in that placement's unit), and
-- the placement records started and ended in the quarter by their own gruppe and unit.
with
  anbragte as (
    select
      kvartal,
      enhed,
      gruppe,
      1 as anbragt,
      0 as ny,
      0 as ophoert
    from
      int_anbringelse_paa_qe
  ),
  nye as (
    select
      k.kvartal,
      f.enhed,
      f.gruppe,
      0 as anbragt,
      1 as ny,
      0 as ophoert
    from
      stg_foranstaltninger as f
      join int_kvartaler as k on k.kvartal = kvartal_af (f.startet)
    where
      f.er_anbringelse
  ),
  ophoerte as (
    select
      k.kvartal,
      f.enhed,
      f.gruppe,
      0 as anbragt,
      0 as ny,
      1 as ophoert
    from
      stg_foranstaltninger as f
      join int_kvartaler as k on k.kvartal = kvartal_af (f.ophoert)
    where
      f.er_anbringelse
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
      nye
    union all
    select
      *
    from
      ophoerte
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
