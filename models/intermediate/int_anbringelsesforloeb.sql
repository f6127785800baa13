-- Continuous placements (docs/kpis.md KPI 14): a child's placement records merged where a record starts
-- no later than the day after the previous one ends. "Previous end" is the running max of the ends
-- so far, so a record contained in a longer one does not split it; an open end never ends.
with
  anbringelser as (
    select
      barn_id,
      foranstaltning_id,
      startet,
      coalesce(ophoert, date '9999-12-31') as slut
    from
      stg_foranstaltninger
    where
      er_anbringelse
  ),
  med_forrige_slut as (
    select
      *,
      max(slut) over (
        partition by
          barn_id
        order by
          startet,
          slut,
          foranstaltning_id rows between unbounded preceding
          and 1 preceding
      ) as forrige_slut
    from
      anbringelser
  ),
  nummereret as (
    -- A new continuous placement begins where the record starts two or more days after every earlier end.
    select
      *,
      sum(
        case
          when forrige_slut is null
          or startet > forrige_slut + 1 then 1
          else 0
        end
      ) over (
        partition by
          barn_id
        order by
          startet,
          slut,
          foranstaltning_id rows unbounded preceding
      ) as forloeb_nr
    from
      med_forrige_slut
  )
select
  barn_id,
  cast(forloeb_nr as integer) as forloeb_nr,
  min(startet) as startet,
  nullif(max(slut), date '9999-12-31') as ophoert,
  cast(count(*) as integer) as anbringelser
from
  nummereret
group by
  barn_id,
  forloeb_nr
