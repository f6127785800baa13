-- Each notification in the complete quarter of its event day (the date of modtaget): every column of
-- int_underretninger_frister (the requirements of KPIs 3 and 4 judged once there) and the quarter's.
select
  u.*,
  q.kvartal,
  q.aar,
  q.qs,
  q.qe,
  q.ws
from
  int_underretninger_frister as u
  -- The quarter by its key, a hash join: a range join on qs … qe cost seconds on the national set.
  join int_kvartaler as q on q.kvartal = kvartal_af (u.modtaget_dato)
