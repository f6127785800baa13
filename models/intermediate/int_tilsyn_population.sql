-- The cases a ledelsestilsyn draws from (issue 13): every case active in one of the latest eight complete quarters
-- (oprettet <= qe and lukket empty or >= qs), with the register's risk flags at the quarter and the conditions the
-- question catalogue's gaelder_for refers to. The flags read the per-record facts the KPIs and the worklists read
-- (int_*_paa_dag on the quarter's last day, int_handleplan_frister, int_underretninger_frister), never a copy of a rule.
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
      join kvartaler as k on aktiv_i (s.oprettet, s.lukket, k.qs, k.qe)
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
    -- not assessed within 24 hours is an overdue item (KPI 3's judgement of each notification,
    -- int_underretninger_frister).
    select
      b.periode,
      b.barn_id,
      count(*) >= 3 as gentagne_underretninger,
      bool_or(
        u.modtaget_dato >= b.qs
        and not u.vurderet_24t
      ) as ikke_vurderet_24t
    from
      boern as b
      join int_underretninger_frister as u on u.barn_id = b.barn_id
      and u.modtaget_dato between b.ws and b.qe
    group by
      b.periode,
      b.barn_id
  ),
  overskredet_paa_qe as (
    -- The worklists' per-record facts on the quarter's last day (int_statusdage holds every qe): an item is overdue
    -- when its deadline is before the day — an open investigation (KPI 9), a follow-up (KPI 13), the supervision
    -- visits (KPI 14), a plan (KPI 11's rule: no plan by the day).
    select
      k.kvartal as periode,
      u.barn_id,
      'undersoegelse' as art
    from
      int_undersoegelser_paa_dag as u
      join kvartaler as k on k.qe = u.dag
    where
      u.frist < u.dag
    union all
    select
      k.kvartal,
      o.barn_id,
      'opfoelgning'
    from
      int_opfoelgning_paa_dag as o
      join kvartaler as k on k.qe = o.dag
    where
      o.frist < o.dag
    union all
    select
      k.kvartal,
      t.barn_id,
      'tilsyn'
    from
      int_tilsyn_paa_dag as t
      join kvartaler as k on k.qe = t.dag
    where
      t.frist < t.dag
    union all
    select
      k.kvartal,
      h.barn_id,
      'handleplan'
    from
      int_handleplan_frister as h
      join int_foranstaltninger_paa_dag as a on a.foranstaltning_id = h.foranstaltning_id
      join kvartaler as k on k.qe = a.dag
    where
      h.frist < a.dag
      and (
        h.foerste_plan is null
        or h.foerste_plan > a.dag
      )
  ),
  overskredet as (
    select
      periode,
      barn_id,
      bool_or(art = 'undersoegelse') as undersoegelse_over_frist,
      bool_or(art = 'opfoelgning') as opfoelgning_mangler,
      bool_or(art in ('tilsyn', 'handleplan')) as tilsyn_eller_plan
    from
      overskredet_paa_qe
    group by
      periode,
      barn_id
  ),
  undersoegelser as (
    -- Investigations active in the quarter (the questions about investigations apply).
    select distinct
      b.periode,
      b.barn_id
    from
      boern as b
      join stg_undersoegelser as u on u.barn_id = b.barn_id
      and aktiv_i (u.startet, u.afsluttet, b.qs, b.qe)
  ),
  foranstaltning_flag as (
    -- Measures active in the quarter.
    select
      b.periode,
      b.barn_id,
      bool_or(
        f.er_anbringelse
        and f.samtykke = false
      ) as uden_samtykke,
      bool_or(f.er_anbringelse) as har_anbringelse
    from
      boern as b
      join stg_foranstaltninger as f on f.barn_id = b.barn_id
      and aktiv_i (f.startet, f.ophoert, b.qs, b.qe)
    group by
      b.periode,
      b.barn_id
  ),
  flag as (
    select
      s.*,
      coalesce(u.ikke_vurderet_24t, false)
      or coalesce(o.tilsyn_eller_plan, false) as frist_overskredet,
      coalesce(f.uden_samtykke, false) as uden_samtykke,
      coalesce(u.gentagne_underretninger, false) as gentagne_underretninger,
      coalesce(o.undersoegelse_over_frist, false) as undersoegelse_over_frist,
      coalesce(o.opfoelgning_mangler, false) as opfoelgning_mangler,
      i.barn_id is not null as har_undersoegelse,
      f.barn_id is not null as har_foranstaltning,
      coalesce(f.har_anbringelse, false) as har_anbringelse
    from
      sager_i_kvartal as s
      left join underretninger as u on u.periode = s.periode
      and u.barn_id = s.barn_id
      left join overskredet as o on o.periode = s.periode
      and o.barn_id = s.barn_id
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
