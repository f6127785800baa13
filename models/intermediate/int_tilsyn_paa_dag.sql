-- KPI 14's rule per child placed on each status day: the continuous placement containing the day
-- (int_anbringelsesforloeb), the supervision visits (any unit) in the 12-month window ws … day, the two latest
-- visits dated up to the day, and the deadline: the last day on which the child is out of the population or
-- still has two visits in the window ending on it, counting only visits made by the day.
-- g(x) = the last day E with E − 12 months < x: E's window (E − 12 months) + 1 … E still contains x, and E is
-- not yet in the population when x is the day before the continuous placement began. frist = g(max(forloeb
-- startet − 1 day, the second-latest visit)): in the population (forloeb startet ≤ ws) with fewer than two
-- visits in the window exactly when frist < day.
with
  placeret as (
    select
      p.dag,
      p.kvartal,
      p.barn_id,
      p.foranstaltning_id,
      p.enhed,
      p.sagsbehandler_id,
      f.startet as forloeb_startet,
      f.ophoert as forloeb_ophoert,
      cast(cast(p.dag - interval 12 month as date) + interval 1 day as date) as ws
    from
      int_anbringelse_paa_dag as p
      join int_anbringelsesforloeb as f on f.barn_id = p.barn_id
      and aktiv_paa (f.startet, f.ophoert, p.dag)
  ),
  besoeg as (
    -- Visits in the continuous placement up to the day: an earlier one never decides the deadline.
    select
      p.dag,
      p.barn_id,
      count(*) filter(
        where
          t.dato >= p.ws
      ) as besoeg_12m,
      max(t.dato, 2) as seneste_to
    from
      placeret as p
      join stg_tilsynsbesoeg as t on t.barn_id = p.barn_id
      and t.dato between p.forloeb_startet and p.dag
    group by
      p.dag,
      p.barn_id
  ),
  med_besoeg as (
    select
      p.*,
      coalesce(b.besoeg_12m, 0) as besoeg_12m,
      b.seneste_to[1] as seneste_besoeg,
      b.seneste_to[2] as naestseneste_besoeg,
      greatest(cast(p.forloeb_startet - interval 1 day as date), b.seneste_to[2]) as x
    from
      placeret as p
      left join besoeg as b on b.dag = p.dag
      and b.barn_id = p.barn_id
  )
select
  dag,
  kvartal,
  barn_id,
  foranstaltning_id,
  enhed,
  sagsbehandler_id,
  forloeb_startet,
  forloeb_ophoert,
  ws,
  forloeb_startet <= ws as i_population,
  cast(besoeg_12m as integer) as besoeg_12m,
  seneste_besoeg,
  naestseneste_besoeg,
  case
    when cast(cast(x + interval 12 month as date) - interval 12 month as date) < x then cast(x + interval 12 month as date)
    else cast(x + interval 12 month - interval 1 day as date)
  end as frist
from
  med_besoeg
