-- Municipality rows have no unit; unit rows have one.
-- model: mart_kpi_kvartal
-- kolonne: enhed
-- severity: error
select
  *
from
  mart_kpi_kvartal
where
  (
    niveau = 'kommune'
    and enhed is not null
  )
  or (
    niveau = 'enhed'
    and enhed is null
  )
