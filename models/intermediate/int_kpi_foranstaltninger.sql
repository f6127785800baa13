-- Not yet written: the columns of every int_kpi_ model, no rows.
select
  cast(null as varchar) as kpi,
  cast(null as varchar) as kvartal,
  cast(null as varchar) as niveau,
  cast(null as varchar) as enhed,
  cast(null as double) as taeller,
  cast(null as double) as naevner
where
  false
