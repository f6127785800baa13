-- KPI 11's rule per measure: the plan deadline by the law in force on startet (docs/method.md "The change of law
-- on 1 January 2024") and the child's first plan dated from startet − 12 months on. Serviceloven: every measure,
-- plan before the decision. Barnets Lov: placements only; without consent (samtykke false) before the decision,
-- otherwise (consent or consent unknown) within 3 months. KPI 11 is met when that first plan is dated by frist;
-- a measure is without a plan on day D when there is none by D.
with
  lov as (
    -- Barnets Lov replaced Serviceloven's child provisions on this day (the seed love).
    select
      cast(gaelder_fra as date) as barnets_lov_fra
    from
      love
    where
      lov = 'barnets_lov'
  ),
  population as (
    select
      f.foranstaltning_id,
      f.barn_id,
      f.type_navn,
      f.enhed,
      f.sagsbehandler_id,
      f.startet,
      f.ophoert,
      case
        when f.startet < lov.barnets_lov_fra then 'SEL'
        else 'BL'
      end as lov,
      case
        when f.startet < lov.barnets_lov_fra then f.startet
        when f.samtykke = false then f.startet
        else cast(f.startet + interval 3 month as date)
      end as frist
    from
      stg_foranstaltninger as f
      cross join lov
    where
      f.startet < lov.barnets_lov_fra
      or f.er_anbringelse
  ),
  foerste_plan as (
    select
      p.foranstaltning_id,
      min(h.dato) as foerste_plan
    from
      population as p
      join stg_handleplaner as h on h.barn_id = p.barn_id
      and h.dato >= cast(p.startet - interval 12 month as date)
    group by
      p.foranstaltning_id
  )
select
  p.*,
  f.foerste_plan
from
  population as p
  left join foerste_plan as f using (foranstaltning_id)
