-- Every item on the deadline worklists as of the worklists' date (int_arbejdsliste_parametre): one row per
-- list and record whose deadline has passed (overskredet: frist before the date) or falls from the date to
-- the horizon's last day (forfalder). Each list's selection reads the per-record facts the KPIs read; the
-- status, the days and the case are decided here once, for every list and for the caseworker list.
with
  p as (
    select
      dato,
      cast(dato + horisont as date) as horisont_slut
    from
      int_arbejdsliste_parametre
  ),
  undersoegelser as (
    -- Open on the date (KPI 9's rows on a qe).
    select
      'undersoegelser' as liste,
      u.undersoegelse_id as post_id,
      u.barn_id,
      u.enhed,
      u.sagsbehandler_id,
      u.frist
    from
      int_undersoegelser_paa_dag as u
      join p on u.dag = p.dato
  ),
  opfoelgninger as (
    -- Active on the date, KPI 13's next follow-up deadline.
    select
      'opfoelgninger' as liste,
      o.foranstaltning_id as post_id,
      o.barn_id,
      o.enhed,
      o.sagsbehandler_id,
      o.frist
    from
      int_opfoelgning_paa_dag as o
      join p on o.dag = p.dato
  ),
  handleplaner as (
    -- Active on the date, in KPI 11's population, and no plan of the child dated from startet − 12 months
    -- up to the date.
    select
      'handleplaner' as liste,
      h.foranstaltning_id as post_id,
      h.barn_id,
      h.enhed,
      h.sagsbehandler_id,
      h.frist
    from
      int_handleplan_frister as h
      join int_foranstaltninger_paa_dag as a on a.foranstaltning_id = h.foranstaltning_id
      join p on a.dag = p.dato
    where
      h.foerste_plan is null
      or h.foerste_plan > p.dato
  ),
  tilsyn as (
    -- Placed on the date; a deadline the continuous placement ends before is not due.
    select
      'tilsyn' as liste,
      t.foranstaltning_id as post_id,
      t.barn_id,
      t.enhed,
      t.sagsbehandler_id,
      t.frist
    from
      int_tilsyn_paa_dag as t
      join p on t.dag = p.dato
    where
      t.frist < p.dato
      or coalesce(t.forloeb_ophoert, date '9999-12-31') > t.frist
  ),
  underretninger_vurdering as (
    -- Received by the date and not assessed by its end; the deadline is the date of 24 elapsed hours
    -- after receipt (Danish time).
    select
      'underretninger_vurdering' as liste,
      u.underretning_id as post_id,
      u.barn_id,
      u.enhed,
      null as sagsbehandler_id,
      cast(timezone('Europe/Copenhagen', timezone('Europe/Copenhagen', u.modtaget) + interval 24 hour) as date) as frist
    from
      int_underretninger_frister as u
      join p on u.modtaget_dato <= p.dato
    where
      u.vurderet is null
      or cast(u.vurderet as date) > p.dato
  ),
  underretninger_kvittering as (
    -- From a professional, received by the date and not acknowledged by it; KPI 4's deadline.
    select
      'underretninger_kvittering' as liste,
      u.underretning_id as post_id,
      u.barn_id,
      u.enhed,
      null as sagsbehandler_id,
      u.kvittering_frist as frist
    from
      int_underretninger_frister as u
      join p on u.modtaget_dato <= p.dato
    where
      u.fagperson
      and (
        u.kvitteret is null
        or u.kvitteret > p.dato
      )
  ),
  boernesamtaler as (
    -- Started in the last boernesamtale_dage days without a conversation in KPI 12's window: the
    -- conversation was due by the start.
    select
      'boernesamtaler' as liste,
      b.foranstaltning_id as post_id,
      b.barn_id,
      b.enhed,
      b.sagsbehandler_id,
      b.startet as frist
    from
      int_boernesamtale_foer_afgoerelse as b
      cross join int_arbejdsliste_parametre as q
    where
      b.samtale is null
      and b.startet between cast(q.dato - q.boernesamtale_dage as date) and q.dato
  ),
  alle as (
    select
      *
    from
      undersoegelser
    union all
    select
      *
    from
      opfoelgninger
    union all
    select
      *
    from
      handleplaner
    union all
    select
      *
    from
      tilsyn
    union all
    select
      *
    from
      underretninger_vurdering
    union all
    select
      *
    from
      underretninger_kvittering
    union all
    select
      *
    from
      boernesamtaler
  )
select
  a.liste,
  a.post_id,
  a.barn_id,
  a.enhed,
  coalesce(a.sagsbehandler_id, s.sagsbehandler_id) as sagsbehandler_id,
  s.sag_id,
  a.frist,
  cast(date_diff('day', a.frist, p.dato) as integer) as dage,
  case
    when a.frist < p.dato then 'overskredet'
    else 'forfalder'
  end as status
from
  alle as a
  cross join p
  left join int_arbejdsliste_sag as s on s.barn_id = a.barn_id
where
  a.frist <= p.horisont_slut
