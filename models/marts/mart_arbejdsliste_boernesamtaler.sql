-- Worklist boernesamtaler (issue 12; internal, never published): the items of int_arbejdsliste_poster with the
-- columns a leader needs to find the case in the case system. The selection and the status are decided there.
select
  a.enhed,
  a.sagsbehandler_id,
  a.sag_id,
  a.post_id as foranstaltning_id,
  b.type_navn as foranstaltning,
  b.startet,
  a.frist,
  a.dage,
  a.status
from
  int_arbejdsliste_poster as a
  join int_boernesamtale_foer_afgoerelse as b on b.foranstaltning_id = a.post_id
where
  a.liste = 'boernesamtaler'
