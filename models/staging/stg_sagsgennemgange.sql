-- The answers of the case reviews, as loaded (sagsgennemgange); kommentar stays here, no mart reads it.
select
  periode,
  sag_id,
  spoergsmaal_id,
  svar,
  gennemgaaet_af,
  dato,
  kommentar
from
  src_sagsgennemgange
