select
  sag_id,
  barn_id,
  oprettet,
  lukket,
  enhed,
  sagsbehandler_id
from src_sager
