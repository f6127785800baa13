-- Each child's trin on qe and on d0 (= qe − 12 months) of every quarter: the highest trin among the
-- child's measures active on the day, 0 if none (kpis.md). One row per child with a measure active
-- on either day.
with
  foranstaltninger as (
    select
      *,
      coalesce(ophoert, date '9999-12-31') as slut
    from
      stg_foranstaltninger
  ),
  overlap as (
    -- Measures overlapping d0 … qe; whether each is active on qe and on d0 is decided below.
    select
      k.kvartal,
      f.barn_id,
      f.foedselsdato,
      f.trin,
      f.startet <= k.qe
      and f.slut >= k.qe as aktiv_qe,
      f.startet <= k.d0
      and f.slut >= k.d0 as aktiv_d0
    from
      foranstaltninger as f
      join int_kvartaler as k on f.startet <= k.qe
      and f.slut >= k.d0
  )
select
  kvartal,
  barn_id,
  max(foedselsdato) as foedselsdato,
  cast(
    coalesce(
      max(trin) filter(
        where
          aktiv_qe
      ),
      0
    ) as integer
  ) as trin_qe,
  cast(
    coalesce(
      max(trin) filter(
        where
          aktiv_d0
      ),
      0
    ) as integer
  ) as trin_d0
from
  overlap
where
  aktiv_qe
  or aktiv_d0
group by
  kvartal,
  barn_id
