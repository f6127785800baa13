-- Each notification in the complete quarter of its event day (the date of modtaget), with the
-- requirements of KPIs 3 and 4 as judged once in int_underretninger_frister.
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
  q.kvartal,
  q.aar,
  q.qs,
  q.qe,
  q.ws,
  u.vurderet_24t,
  u.kvittering_frist,
  u.kvitteret_6_hverdage
from
  int_underretninger_frister as u
  -- The quarter by its key, a hash join: a range join on qs … qe cost seconds on the national set.
  join int_kvartaler as q on q.kvartal = kvartal_af (u.modtaget_dato)
