select
  samtale_id,
  barn_id,
  dato,
  coalesce(undladt, false) as undladt,
  enhed
from
  src_boernesamtaler
