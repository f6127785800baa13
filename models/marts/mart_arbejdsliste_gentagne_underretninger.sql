-- Worklist gentagne_underretninger (issue 12; internal, never published): per unit and for the municipality,
-- the children with the most notifications received in the 12 months ending on the worklists' date (at least
-- two: repeat notifications, as KPI 5) and no measure active on the date; gentagne_antal children per list.
-- A unit counts the notifications received in that unit; the municipality all of them. No deadline: frist,
-- dage and status are empty.
with
  p as (
    select
      dato,
      cast(cast(dato - interval 12 month as date) + interval 1 day as date) as ws,
      gentagne_antal
    from
      int_arbejdsliste_parametre
  ),
  modtaget_12m as (
    select
      u.barn_id,
      u.enhed,
      u.underretning_id,
      u.modtaget
    from
      int_underretninger_frister as u
      join p on u.modtaget_dato between p.ws and p.dato
  ),
  uden_foranstaltning as (
    select distinct
      m.barn_id
    from
      modtaget_12m as m
    where
      not exists (
        select
          1
        from
          int_foranstaltninger_paa_dag as f
          join p on f.dag = p.dato
        where
          f.barn_id = m.barn_id
      )
  ),
  pr_barn as (
    -- grouping sets: (barn_id) is the municipality, (enhed, barn_id) a unit.
    select
      case
        when grouping (m.enhed) = 1 then 'kommune'
        else 'enhed'
      end as niveau,
      m.enhed as liste_enhed,
      m.barn_id,
      count(*) as underretninger_12m,
      max(m.modtaget) as seneste_modtaget,
      arg_max(m.underretning_id, m.modtaget) as seneste_underretning_id,
      arg_max(m.enhed, m.modtaget) as seneste_enhed
    from
      modtaget_12m as m
      join uden_foranstaltning using (barn_id)
    group by
      grouping sets ((m.barn_id), (m.enhed, m.barn_id))
  ),
  rangeret as (
    select
      *,
      row_number() over (
        partition by
          niveau,
          liste_enhed
        order by
          underretninger_12m desc,
          seneste_modtaget desc,
          seneste_underretning_id desc
      ) as rang
    from
      pr_barn
    where
      underretninger_12m >= 2
  )
select
  r.niveau,
  cast(r.rang as integer) as rang,
  coalesce(r.liste_enhed, r.seneste_enhed) as enhed,
  s.sagsbehandler_id,
  s.sag_id,
  r.seneste_underretning_id,
  cast(r.underretninger_12m as integer) as underretninger_12m,
  r.seneste_modtaget,
  cast(null as date) as frist,
  cast(null as integer) as dage,
  cast(null as varchar) as status
from
  rangeret as r
  cross join p
  left join int_arbejdsliste_sag as s on s.barn_id = r.barn_id
where
  r.rang <= p.gentagne_antal
