-- The reported quarters' window, computed once (docs/method.md): one row, also before the first load. A quarter is
-- reported when it is complete (qe ≤ as-of: an as-of on qe completes its quarter), it is not before the first quarter
-- with data, and it does not start before data_fra, the day from which the case system's data are complete
-- (int_data_fra: the latest of the tables' days), so a go-live's migrated records do not look like a quarter's new
-- ones. int_kvartaler lists the quarters; mart_meta and the data tests read the bounds.
with
  foerste_data as (
    -- docs/method.md reports every complete quarter that has a row for the KPI, so the first quarter is the one of
    -- the earliest event or start date a KPI looks at, not a fixed year (a fixed 2015 dropped the national set's
    -- 2003–2014 caseload and placement quarters). Plans, follow-ups, conversations and visits only count beside a
    -- measure, so they do not open a quarter.
    select
      cast(
        date_trunc(
          'quarter',
          least(
            (
              select
                min(modtaget_dato)
              from
                stg_underretninger
            ),
            (
              select
                min(startet)
              from
                stg_undersoegelser
            ),
            (
              select
                min(startet)
              from
                stg_foranstaltninger
            ),
            (
              select
                min(oprettet)
              from
                stg_sager
            ),
            (
              select
                min(fra_dato)
              from
                stg_sagsbehandlere
            )
          )
        ) as date
      ) as qs
  ),
  data_fra as (
    select
      max(data_fra) as data_fra
    from
      int_data_fra
  ),
  graenser as (
    select
      a.as_of,
      d.data_fra,
      -- The first quarter that starts on or after data_fra.
      cast(date_trunc('quarter', d.data_fra - interval 1 day) + interval 3 month as date) as data_fra_qs,
      f.qs as data_qs,
      -- The first day of the quarter running on the as-of date: every quarter before it is complete.
      cast(date_trunc('quarter', a.as_of + interval 1 day) as date) as loebende_qs
    from
      foerste_data as f
      cross join data_fra as d
      left join int_as_of as a on true
  ),
  vindue as (
    select
      as_of,
      data_fra,
      -- NULL without data: no quarter is reported.
      case
        when data_qs is not null then greatest(data_qs, data_fra_qs)
      end as foerste_qs,
      -- The latest complete quarter, unless data_fra is after its start.
      case
        when loebende_qs - interval 3 month >= coalesce(data_fra_qs, loebende_qs - interval 3 month) then cast(loebende_qs - interval 3 month as date)
      end as seneste_qs
    from
      graenser
  )
select
  as_of,
  data_fra,
  foerste_qs,
  seneste_qs,
  case
    when foerste_qs <= seneste_qs then kvartal_af (foerste_qs)
  end as foerste_kvartal,
  -- kvartal_af of NULL is 'K' (concat skips NULLs).
  case
    when seneste_qs is not null then kvartal_af (seneste_qs)
  end as seneste_kvartal
from
  vindue
