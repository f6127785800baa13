-- Notifications with fagperson derived from the source where the export left it empty.
select
  u.underretning_id,
  u.barn_id,
  u.foedselsdato,
  u.modtaget,
  cast(u.modtaget as date) as modtaget_dato,
  u.kilde,
  coalesce(u.fagperson, k.fagperson) as fagperson,
  u.vurderet,
  u.kvitteret,
  u.udfald,
  u.udfald_dato,
  u.alvorlig,
  u.enhed,
  u.distrikt
from
  src_underretninger as u
  left join kilder as k on k.kode = u.kilde
