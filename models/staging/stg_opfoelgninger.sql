select
  opfoelgning_id,
  barn_id,
  dato,
  enhed
from
  src_opfoelgninger
