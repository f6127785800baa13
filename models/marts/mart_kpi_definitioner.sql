-- The KPI definitions as the site shows them (labels, method texts, legal basis), from the seed.
select
  cast(kpi as varchar) as kpi,
  cast(nr as integer) as nr,
  cast(navn as varchar) as navn,
  cast(beskrivelse as varchar) as beskrivelse,
  cast(art as varchar) as art,
  cast(retning as varchar) as retning,
  cast(lov_sel as varchar) as lov_sel,
  cast(lov_bl as varchar) as lov_bl,
  cast(kravtabel as boolean) as kravtabel,
  cast(lov_note as varchar) as lov_note,
  cast(kategoriandel as boolean) as kategoriandel
from
  kpi_definitioner
order by
  nr
