-- Every notification with the deadlines of KPIs 3 and 4 and whether they were met, judged once for the KPIs
-- (int_underretninger_kvartal) and the worklists alike: assessed within 24 hours, acknowledged within 6
-- working days. All notifications, also those of the running quarter.
with
  kvitteringsfrister as (
    -- The 6th working day after each day R (R itself not counted).
    select
      r.dato,
      k.dato as frist
    from
      int_kalender as r
      join int_kalender as k on k.er_hverdag
      and k.hverdag_nr = r.hverdag_nr + 6
  )
select
  u.underretning_id,
  u.barn_id,
  u.enhed,
  u.kilde,
  u.fagperson,
  u.modtaget,
  u.modtaget_dato,
  u.vurderet,
  u.kvitteret,
  u.udfald,
  u.alvorlig,
  u.distrikt,
  -- Exactly 24 hours is met; a missing vurderet is not. The export's timestamps are Danish wall-clock
  -- times; 24 hours are 24 elapsed hours, so both are read as Europe/Copenhagen time: across the night
  -- the clocks go back, 23.5 hours on the clock are 24.5 hours elapsed (and the other way in spring).
  -- Daylight saving time moves the clock by an hour at most, so only a clock difference within an hour
  -- of 24 needs the (slow) time-zone conversion.
  case
    when u.vurderet is null then false
    when u.vurderet <= u.modtaget + interval 23 hour then true
    when u.vurderet > u.modtaget + interval 25 hour then false
    else timezone('Europe/Copenhagen', u.vurderet) <= timezone('Europe/Copenhagen', u.modtaget) + interval 24 hour
  end as vurderet_24t,
  f.frist as kvittering_frist,
  -- A missing kvitteret is not met.
  coalesce(u.kvitteret <= f.frist, false) as kvitteret_6_hverdage
from
  stg_underretninger as u
  left join kvitteringsfrister as f on f.dato = u.modtaget_dato
