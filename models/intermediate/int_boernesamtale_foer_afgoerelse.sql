-- KPI 12's rule per measure: the child's latest conversation (held, or lawfully omitted: undladt true) dated
-- from startet − 6 months to startet, both included. Met when there is one.
select
  f.foranstaltning_id,
  f.barn_id,
  f.type_navn,
  f.enhed,
  f.sagsbehandler_id,
  f.startet,
  max(s.dato) as samtale
from
  stg_foranstaltninger as f
  left join stg_boernesamtaler as s on s.barn_id = f.barn_id
  and s.dato between cast(f.startet - interval 6 month as date) and f.startet
group by all
