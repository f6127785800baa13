select
  samtale_id,
  barn_id,
  dato,
  standard_boernesamtaler_undladt (undladt) as undladt,
  enhed
from
  src_boernesamtaler
