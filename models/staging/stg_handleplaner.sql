select
  handleplan_id,
  barn_id,
  dato,
  standard_handleplaner_type (type) as type,
  enhed
from
  src_handleplaner
