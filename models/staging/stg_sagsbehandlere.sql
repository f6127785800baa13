select
  sagsbehandler_id,
  enhed,
  normering,
  fra_dato,
  til_dato
from
  src_sagsbehandlere
