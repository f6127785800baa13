-- Worklist tilsyn (issue 12; internal, never published): the items of int_arbejdsliste_poster with the
-- columns a leader needs to find the case in the case system. The selection and the status are decided there.
select
  a.enhed,
  a.sagsbehandler_id,
  a.sag_id,
  a.post_id as foranstaltning_id,
  t.forloeb_startet as anbragt_siden,
  t.besoeg_12m,
  t.seneste_besoeg,
  t.naestseneste_besoeg,
  a.frist,
  a.dage,
  a.status
from
  int_arbejdsliste_poster as a
  join int_tilsyn_paa_dag as t on t.foranstaltning_id = a.post_id
  join int_arbejdsliste_parametre as p on t.dag = p.dato
where
  a.liste = 'tilsyn'
