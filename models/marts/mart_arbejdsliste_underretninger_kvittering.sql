-- Worklist underretninger_kvittering (issue 12; internal, never published): the items of int_arbejdsliste_poster with the
-- columns a leader needs to find the case in the case system. The selection and the status are decided there.
select
  a.enhed,
  a.sagsbehandler_id,
  a.sag_id,
  a.post_id as underretning_id,
  u.kilde,
  u.modtaget,
  a.frist,
  a.dage,
  a.status
from
  int_arbejdsliste_poster as a
  join int_underretninger_frister as u on u.underretning_id = a.post_id
where
  a.liste = 'underretninger_kvittering'
