-- Worklist handleplaner (issue 12; internal, never published): the items of int_arbejdsliste_poster with the
-- columns a leader needs to find the case in the case system. The selection and the status are decided there.
select
  a.enhed,
  a.sagsbehandler_id,
  a.sag_id,
  a.post_id as foranstaltning_id,
  h.type_navn as foranstaltning,
  h.startet,
  h.lov,
  a.frist,
  a.dage,
  a.status
from
  int_arbejdsliste_poster as a
  join int_handleplan_frister as h on h.foranstaltning_id = a.post_id
where
  a.liste = 'handleplaner'
