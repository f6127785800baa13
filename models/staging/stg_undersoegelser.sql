-- Investigations with the deadline of four months (month-end clamped, as DuckDB's interval arithmetic does).
select
  undersoegelse_id,
  barn_id,
  foedselsdato,
  startet,
  afsluttet,
  nullif(trim(frist_begrundelse), '') as frist_begrundelse,
  cast(startet + interval 4 month as date) as frist,
  standard_undersoegelser_type (type) as type,
  enhed,
  sagsbehandler_id
from
  src_undersoegelser
