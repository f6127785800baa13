-- Worklist sagsbehandlere (issue 12; internal, never published): medarbejderoplyst ledelsesinformation — per
-- caseworker the number of overdue and due items on each deadline list (int_arbejdsliste_poster) and the
-- caseload on the worklists' date. Every caseworker active on the date, and any other caseworker with an item.
with
  p as (
    select
      dato
    from
      int_arbejdsliste_parametre
  ),
  ansatte as (
    -- The caseworker's row on the date (fra_dato … til_dato), else the latest before it.
    select
      b.sagsbehandler_id,
      b.enhed,
      b.normering,
      aktiv_paa (b.fra_dato, b.til_dato, p.dato) as aktiv
    from
      stg_sagsbehandlere as b
      cross join p
    where
      b.fra_dato <= p.dato
    qualify
      row_number() over (
        partition by
          b.sagsbehandler_id
        order by
          aktiv_paa (b.fra_dato, b.til_dato, p.dato) desc,
          b.fra_dato desc
      ) = 1
  ),
  sager as (
    -- The caseload: cases active on the date (oprettet … lukket), as KPI 20 counts them.
    select
      s.sagsbehandler_id,
      count(*) as sager
    from
      stg_sager as s
      cross join p
    where
      aktiv_paa (s.oprettet, s.lukket, p.dato)
    group by
      s.sagsbehandler_id
  ),
  poster as (
    select
      sagsbehandler_id,
      min(enhed) as enhed,
      cast(
        count(*) filter(
          where
            liste = 'undersoegelser'
            and status = 'overskredet'
        ) as integer
      ) as undersoegelser_overskredet,
      cast(
        count(*) filter(
          where
            liste = 'undersoegelser'
            and status = 'forfalder'
        ) as integer
      ) as undersoegelser_forfalder,
      cast(
        count(*) filter(
          where
            liste = 'opfoelgninger'
            and status = 'overskredet'
        ) as integer
      ) as opfoelgninger_overskredet,
      cast(
        count(*) filter(
          where
            liste = 'opfoelgninger'
            and status = 'forfalder'
        ) as integer
      ) as opfoelgninger_forfalder,
      cast(
        count(*) filter(
          where
            liste = 'handleplaner'
            and status = 'overskredet'
        ) as integer
      ) as handleplaner_overskredet,
      cast(
        count(*) filter(
          where
            liste = 'handleplaner'
            and status = 'forfalder'
        ) as integer
      ) as handleplaner_forfalder,
      cast(
        count(*) filter(
          where
            liste = 'tilsyn'
            and status = 'overskredet'
        ) as integer
      ) as tilsyn_overskredet,
      cast(
        count(*) filter(
          where
            liste = 'tilsyn'
            and status = 'forfalder'
        ) as integer
      ) as tilsyn_forfalder,
      cast(
        count(*) filter(
          where
            liste = 'underretninger_vurdering'
            and status = 'overskredet'
        ) as integer
      ) as underretninger_vurdering_overskredet,
      cast(
        count(*) filter(
          where
            liste = 'underretninger_vurdering'
            and status = 'forfalder'
        ) as integer
      ) as underretninger_vurdering_forfalder,
      cast(
        count(*) filter(
          where
            liste = 'underretninger_kvittering'
            and status = 'overskredet'
        ) as integer
      ) as underretninger_kvittering_overskredet,
      cast(
        count(*) filter(
          where
            liste = 'underretninger_kvittering'
            and status = 'forfalder'
        ) as integer
      ) as underretninger_kvittering_forfalder,
      cast(
        count(*) filter(
          where
            liste = 'boernesamtaler'
            and status = 'overskredet'
        ) as integer
      ) as boernesamtaler_overskredet,
      cast(
        count(*) filter(
          where
            liste = 'boernesamtaler'
            and status = 'forfalder'
        ) as integer
      ) as boernesamtaler_forfalder,
      cast(
        count(*) filter(
          where
            status = 'overskredet'
        ) as integer
      ) as overskredet,
      cast(
        count(*) filter(
          where
            status = 'forfalder'
        ) as integer
      ) as forfalder,
      min(frist) as frist
    from
      int_arbejdsliste_poster
    where
      sagsbehandler_id is not null
    group by
      sagsbehandler_id
  ),
  sagsbehandlere as (
    select
      sagsbehandler_id
    from
      ansatte
    where
      aktiv
    union
    select
      sagsbehandler_id
    from
      poster
  )
select
  coalesce(a.enhed, o.enhed) as enhed,
  b.sagsbehandler_id,
  a.normering,
  cast(coalesce(s.sager, 0) as integer) as sager,
  coalesce(o.undersoegelser_overskredet, 0) as undersoegelser_overskredet,
  coalesce(o.undersoegelser_forfalder, 0) as undersoegelser_forfalder,
  coalesce(o.opfoelgninger_overskredet, 0) as opfoelgninger_overskredet,
  coalesce(o.opfoelgninger_forfalder, 0) as opfoelgninger_forfalder,
  coalesce(o.handleplaner_overskredet, 0) as handleplaner_overskredet,
  coalesce(o.handleplaner_forfalder, 0) as handleplaner_forfalder,
  coalesce(o.tilsyn_overskredet, 0) as tilsyn_overskredet,
  coalesce(o.tilsyn_forfalder, 0) as tilsyn_forfalder,
  coalesce(o.underretninger_vurdering_overskredet, 0) as underretninger_vurdering_overskredet,
  coalesce(o.underretninger_vurdering_forfalder, 0) as underretninger_vurdering_forfalder,
  coalesce(o.underretninger_kvittering_overskredet, 0) as underretninger_kvittering_overskredet,
  coalesce(o.underretninger_kvittering_forfalder, 0) as underretninger_kvittering_forfalder,
  coalesce(o.boernesamtaler_overskredet, 0) as boernesamtaler_overskredet,
  coalesce(o.boernesamtaler_forfalder, 0) as boernesamtaler_forfalder,
  coalesce(o.overskredet, 0) as overskredet,
  coalesce(o.forfalder, 0) as forfalder,
  o.frist,
  cast(date_diff('day', o.frist, p.dato) as integer) as dage,
  case
    when o.overskredet > 0 then 'overskredet'
    when o.forfalder > 0 then 'forfalder'
  end as status
from
  sagsbehandlere as b
  cross join p
  left join ansatte as a using (sagsbehandler_id)
  left join sager as s using (sagsbehandler_id)
  left join poster as o using (sagsbehandler_id)
