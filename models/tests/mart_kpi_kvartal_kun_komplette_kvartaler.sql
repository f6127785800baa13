-- No row for a quarter that is not complete: its last day (qe) must not be after the as-of date.
-- model: mart_kpi_kvartal
-- kolonne: kvartal
-- severity: error
with
  kvartaler as (
    select
      k.*,
      cast(
        make_date(cast(left(k.kvartal, 4) as integer), 3 * cast(right(k.kvartal, 1) as integer), 1) + interval 1 month - interval 1 day as date
      ) as qe
    from
      mart_kpi_kvartal as k
    where
      regexp_full_match(k.kvartal, '[0-9]{4}K[1-4]')
  )
select
  k.*
from
  kvartaler as k
  left join int_as_of as a on true
where
  a.as_of is null
  or k.qe > a.as_of
