-- Worklist undersoegelser (issue 12; internal, never published): the items of int_arbejdsliste_poster with the
-- columns a leader needs to find the case in the case system. The selection and the status are decided there.
select
  a.enhed,
  a.sagsbehandler_id,
  a.sag_id,
  a.post_id as undersoegelse_id,
  u.startet,
  a.frist,
  a.dage,
  a.status,
  u.frist_begrundelse is not null as begrundelse_registreret
from
  int_arbejdsliste_poster as a
  join int_undersoegelser_paa_dag as u on u.undersoegelse_id = a.post_id
  join int_arbejdsliste_parametre as p on u.dag = p.dato
where
  a.liste = 'undersoegelser'
