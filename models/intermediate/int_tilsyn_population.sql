-- The cases a ledelsestilsyn draws from (issue 13): every case active in one of the latest eight complete quarters
-- (oprettet <= qe and lukket empty or >= qs), with the register's risk flags at the quarter and the conditions the
-- question catalogue's gaelder_for refers to. The flags follow the KPIs' own rules (kpis.md) for the case's child.
-- Set-based: each register table is joined once to the quarter's children and grouped (correlated subqueries per
-- case took 80 s on the national set).
with
  kvartaler as (
    -- The latest eight complete quarters: a ledelsestilsyn reviews recent cases, and the view stays cheap to read.
    select
      *
    from
      int_kvartaler
    order by
      kvartal desc
    limit
      8
  ),
  sager_i_kvartal as (
    select
      k.kvartal as periode,
      s.sag_id,
      s.barn_id,
      s.enhed,
      s.sagsbehandler_id,
      s.oprettet,
      s.lukket
    from
      stg_sager as s
      join kvartaler as k on s.oprettet <= k.qe
      and coalesce(s.lukket, date '9999-12-31') >= k.qs
  ),
  boern as (
    select distinct
      s.periode,
      k.qs,
      k.qe,
      k.ws,
      s.barn_id
    from
      sager_i_kvartal as s
      join kvartaler as k on k.kvartal = s.periode
  ),
  underretninger as (
    -- Notifications received in the 12 months ending at qe (any unit): three or more is a risk; one of the quarter
    -- not assessed within 24 hours is an overdue item of the worklists (KPI 3).
    select
      b.periode,
      b.barn_id,
      count(*) >= 3 as gentagne_underretninger,
      bool_or(
        u.modtaget_dato >= b.qs
        and (
          u.vurderet is null
          or u.vurderet > u.modtaget + interval 24 hour
        )
      ) as ikke_vurderet_24t
    from
      boern as b
      join stg_underretninger as u on u.barn_id = b.barn_id
      and u.modtaget_dato between b.ws and b.qe
    group by
      b.periode,
      b.barn_id
  ),
  undersoegelser as (
    -- Investigations active in the quarter; open at qe past the four-month deadline is KPI 9.
    select
      b.periode,
      b.barn_id,
      bool_or(
        u.frist < b.qe
        and (
          u.afsluttet is null
          or u.afsluttet > b.qe
        )
      ) as undersoegelse_over_frist
    from
      boern as b
      join stg_undersoegelser as u on u.barn_id = b.barn_id
      and u.startet <= b.qe
      and coalesce(u.afsluttet, date '9999-12-31') >= b.qs
    group by
      b.periode,
      b.barn_id
  ),
  foranstaltninger as (
    -- Measures active in the quarter, with what the flags need of those active on qe.
    select
      b.periode,
      b.qe,
      b.barn_id,
      f.foranstaltning_id,
      f.er_anbringelse,
      f.samtykke,
      f.startet,
      coalesce(f.ophoert, date '9999-12-31') >= b.qe as aktiv_paa_qe
    from
      boern as b
      join stg_foranstaltninger as f on f.barn_id = b.barn_id
      and f.startet <= b.qe
      and coalesce(f.ophoert, date '9999-12-31') >= b.qs
  ),
  opfoelgning_ok as (
    -- KPI 13's rule: a measure active on qe is followed up when a follow-up dated startet … qe has dato + k >= qe.
    select distinct
      f.periode,
      f.foranstaltning_id
    from
      foranstaltninger as f
      cross join cfg_kommune as c
      join stg_opfoelgninger as o on o.barn_id = f.barn_id
      and o.dato between f.startet and f.qe
      and cast(o.dato + to_months(c.opfoelgning_interval_maaneder) as date) >= f.qe
    where
      f.aktiv_paa_qe
  ),
  plan_ok as (
    -- A plan dated from 12 months before the placement's start to qe (KPI 11's window, to the quarter's end).
    select distinct
      f.periode,
      f.foranstaltning_id
    from
      foranstaltninger as f
      join stg_handleplaner as h on h.barn_id = f.barn_id
      and h.dato between cast(f.startet - interval 12 month as date) and f.qe
    where
      f.aktiv_paa_qe
      and f.er_anbringelse
  ),
  foranstaltning_flag as (
    select
      f.periode,
      f.barn_id,
      bool_or(
        f.er_anbringelse
        and f.samtykke = false
      ) as uden_samtykke,
      bool_or(f.er_anbringelse) as har_anbringelse,
      -- A measure active on qe, started more than 3 months before it, without a timely follow-up (KPI 13 not met).
      bool_or(
        f.aktiv_paa_qe
        and cast(f.startet + interval 3 month as date) < f.qe
        and o.foranstaltning_id is null
      ) as opfoelgning_mangler,
      -- A placement active on qe past its plan deadline (KPI 11's rule by the law in force) without a plan.
      bool_or(
        f.aktiv_paa_qe
        and f.er_anbringelse
        and case
          when f.startet < date '2024-01-01'
          or f.samtykke = false then f.startet
          else cast(f.startet + interval 3 month as date)
        end < f.qe
        and p.foranstaltning_id is null
      ) as plan_mangler
    from
      foranstaltninger as f
      left join opfoelgning_ok as o on o.periode = f.periode
      and o.foranstaltning_id = f.foranstaltning_id
      left join plan_ok as p on p.periode = f.periode
      and p.foranstaltning_id = f.foranstaltning_id
    group by
      f.periode,
      f.barn_id
  ),
  flag as (
    select
      s.*,
      coalesce(u.ikke_vurderet_24t, false)
      or coalesce(f.plan_mangler, false) as frist_overskredet,
      coalesce(f.uden_samtykke, false) as uden_samtykke,
      coalesce(u.gentagne_underretninger, false) as gentagne_underretninger,
      coalesce(i.undersoegelse_over_frist, false) as undersoegelse_over_frist,
      coalesce(f.opfoelgning_mangler, false) as opfoelgning_mangler,
      i.barn_id is not null as har_undersoegelse,
      f.barn_id is not null as har_foranstaltning,
      coalesce(f.har_anbringelse, false) as har_anbringelse
    from
      sager_i_kvartal as s
      left join underretninger as u on u.periode = s.periode
      and u.barn_id = s.barn_id
      left join undersoegelser as i on i.periode = s.periode
      and i.barn_id = s.barn_id
      left join foranstaltning_flag as f on f.periode = s.periode
      and f.barn_id = s.barn_id
  )
select
  periode,
  enhed,
  sag_id,
  sagsbehandler_id,
  oprettet,
  lukket,
  frist_overskredet,
  uden_samtykke,
  gentagne_underretninger,
  undersoegelse_over_frist,
  opfoelgning_mangler,
  frist_overskredet
  or uden_samtykke
  or gentagne_underretninger
  or undersoegelse_over_frist
  or opfoelgning_mangler as risiko,
  -- The codes of the seed tilsynsbetingelser this case meets: a question applies when its gaelder_for is one.
  list_filter(
    [
      'alle',
      case
        when har_undersoegelse then 'undersoegelse'
      end,
      case
        when har_foranstaltning then 'foranstaltning'
      end,
      case
        when har_anbringelse then 'anbringelse'
      end,
      case
        when uden_samtykke then 'anbringelse_uden_samtykke'
      end
    ],
    x -> x is not null
  ) as betingelser
from
  flag
