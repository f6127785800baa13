select
  aar,
  antal_0_17
from
  src_befolkning
