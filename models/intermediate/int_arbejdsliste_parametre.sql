-- The worklists' date and settings (issue 12), one row. The build lists as of the latest load's as-of date;
-- `libu arbejdslister --dato/--horisont` puts its own row in place of this one for its run (a temporary
-- table, the warehouse is not changed). Each setting is written here once and read by every list.
select
  as_of as dato,
  -- Items due within this many days after dato are listed as forfalder.
  30 as horisont,
  -- boernesamtaler: measures started within this many days before dato.
  90 as boernesamtale_dage,
  -- gentagne_underretninger: this many children per unit and for the municipality.
  10 as gentagne_antal
from
  int_as_of
