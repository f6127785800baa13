-- Active at some time in the period fra_periode … til_periode (both included): started on or before its last day
-- and not ended before its first (an empty end = still active). The ledelsestilsyn's population and conditions.
create or replace macro aktiv_i (fra, til, periode_fra, periode_til) as fra <= periode_til
and coalesce(til, date '9999-12-31') >= periode_fra
