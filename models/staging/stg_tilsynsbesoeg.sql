select
  besoeg_id,
  barn_id,
  dato,
  samtale_alene,
  enhed
from
  src_tilsynsbesoeg
