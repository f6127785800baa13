-- Measures with their type's attributes from the seed foranstaltningstyper.
select
  f.foranstaltning_id,
  f.barn_id,
  f.foedselsdato,
  f.type,
  t.navn as type_navn,
  t.er_anbringelse,
  t.gruppe,
  t.trin,
  f.paragraf,
  f.startet,
  f.ophoert,
  f.samtykke,
  f.aarlig_udgift,
  f.enhed,
  f.sagsbehandler_id
from
  src_foranstaltninger as f
  join foranstaltningstyper as t on t.kode = f.type
