-- Worklist opfoelgninger (issue 12; internal, never published): the items of int_arbejdsliste_poster with the
-- columns a leader needs to find the case in the case system. The selection and the status are decided there.
select
  a.enhed,
  a.sagsbehandler_id,
  a.sag_id,
  a.post_id as foranstaltning_id,
  o.type_navn as foranstaltning,
  o.startet,
  o.seneste_opfoelgning,
  a.frist,
  a.dage,
  a.status
from
  int_arbejdsliste_poster as a
  join int_opfoelgning_paa_dag as o on o.foranstaltning_id = a.post_id
  join int_arbejdsliste_parametre as p on o.dag = p.dato
where
  a.liste = 'opfoelgninger'
