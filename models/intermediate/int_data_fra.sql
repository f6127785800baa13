-- The day from which each table's data are complete (data_fra: the case system's go-live or migration): the
-- configuration's day for the table, else its day for every table, else the day the table's latest load read from its
-- folder's libu-manifest.json. The configuration replaces the manifest because the municipality knows its own
-- go-live; the latest load of a table decides because an export replaces the table's rows. A table without a day has
-- no row; the configuration's day for every table is also a row of its own (tabel NULL), so it holds before any load.
with
  seneste_load as (
    select
      tabel,
      max(load_id) as load_id
    from
      load_files
    group by
      tabel
  ),
  manifest as (
    select
      s.tabel,
      d.data_fra
    from
      seneste_load as s
      join load_data_fra as d on d.load_id = s.load_id
      and d.tabel = s.tabel
  ),
  alle as (
    select
      null as tabel
    from
      cfg_data_fra
    where
      tabel is null
    union
    select
      tabel
    from
      seneste_load
    union
    select
      tabel
    from
      cfg_data_fra
    where
      tabel is not null
  ),
  fra as (
    select
      a.tabel,
      coalesce(t.data_fra, g.data_fra, m.data_fra) as data_fra,
      case
        when t.data_fra is not null
        or g.data_fra is not null then 'konfiguration'
        when m.data_fra is not null then 'manifest'
      end as kilde
    from
      alle as a
      left join cfg_data_fra as t on t.tabel = a.tabel
      left join cfg_data_fra as g on g.tabel is null
      left join manifest as m on m.tabel = a.tabel
  )
select
  tabel,
  cast(data_fra as date) as data_fra,
  kilde
from
  fra
where
  data_fra is not null
