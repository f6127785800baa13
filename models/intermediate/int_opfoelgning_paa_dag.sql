-- KPI 13's rule per measure and status day: for every measure active on the day, the latest follow-up L of
-- the child dated startet … day and the next follow-up deadline: startet + 3 months without L, else L + k
-- months (k = cfg_kommune.opfoelgning_interval_maaneder). The first deadline is never moved earlier: with k
-- below 3 a follow-up in the first three months gives max(L + k, startet + 3 months). KPI 13's population is
-- startet + 3 months < day, where this changes nothing (both are before the day or L + k decides).
with
  seneste as (
    select
      a.dag,
      a.foranstaltning_id,
      max(o.dato) as seneste_opfoelgning
    from
      int_foranstaltninger_paa_dag as a
      join stg_opfoelgninger as o on o.barn_id = a.barn_id
      and o.dato between a.startet and a.dag
    group by
      a.dag,
      a.foranstaltning_id
  )
select
  a.dag,
  a.kvartal,
  a.foranstaltning_id,
  a.barn_id,
  a.type_navn,
  a.enhed,
  a.sagsbehandler_id,
  a.startet,
  a.ophoert,
  s.seneste_opfoelgning,
  cast(a.startet + interval 3 month as date) as foerste_frist,
  case
    when s.seneste_opfoelgning is null then cast(a.startet + interval 3 month as date)
    else greatest(
      cast(s.seneste_opfoelgning + to_months(c.opfoelgning_interval_maaneder) as date),
      cast(a.startet + interval 3 month as date)
    )
  end as frist
from
  int_foranstaltninger_paa_dag as a
  cross join cfg_kommune as c
  left join seneste as s on s.dag = a.dag
  and s.foranstaltning_id = a.foranstaltning_id
