-- The as-of date of the latest load: quarters ending after it are not reported.
select
  as_of
from
  load_log
order by
  load_id desc
limit
  1
