-- The KPI registry as the site and the PDF read it (labels, method texts, legal basis, wording, placement),
-- from the seed kpi_definitioner: the only place for per-KPI facts.
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
  cast(kategoriandel as boolean) as kategoriandel,
  cast(niveauer as varchar) as niveauer,
  cast(side as varchar) as side,
  cast(afsnit as varchar) as afsnit,
  cast(afsnit_nr as integer) as afsnit_nr,
  cast(hovedtal_nr as integer) as hovedtal_nr,
  cast(emne as varchar) as emne,
  cast(emne_pronomen as varchar) as emne_pronomen,
  cast(naevner_tekst as varchar) as naevner_tekst,
  cast(andel_af_gruppe as varchar) as andel_af_gruppe,
  cast(farvegraenser as varchar) as farvegraenser,
  cast(reference_maal as double) as reference_maal,
  cast(pr_barn as boolean) as pr_barn
from
  kpi_definitioner
order by
  nr
