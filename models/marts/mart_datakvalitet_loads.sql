-- Every file of every load: what was read, loaded and quarantined (the site shows the latest loads).
select
  l.load_id,
  l.as_of,
  l.startet,
  f.tabel,
  f.fil,
  f.format,
  f.tegnsaet,
  f.raekker_laest,
  f.raekker_indlaest,
  f.raekker_karantaene
from
  load_log as l
  join load_files as f on f.load_id = l.load_id
order by
  l.load_id desc,
  f.tabel,
  f.fil
