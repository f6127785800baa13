-- No row for a quarter outside the reported window (int_kvartalsvindue): one that is not complete (after the latest
-- complete quarter) or before the first reported quarter (before the data, or starting before data_fra).
-- model: mart_kpi_kvartal
-- kolonne: kvartal
-- severity: error
select
  k.*
from
  mart_kpi_kvartal as k
  left join int_kvartalsvindue as v on true
where
  regexp_full_match(k.kvartal, '[0-9]{4}K[1-4]')
  and (
    v.foerste_kvartal is null
    or v.seneste_kvartal is null
    or k.kvartal < v.foerste_kvartal
    or k.kvartal > v.seneste_kvartal
  )
