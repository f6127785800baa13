select
  handleplan_id,
  barn_id,
  dato,
  coalesce(type, 'ny') as type,
  enhed
from
  src_handleplaner
