"""Reference geography: 시도, 시군구 and the 고용센터 that serve them, and matching the
many forms of their names and codes to the current 행정표준코드.

One module for callers (``from data_access.reference import regions as reference``);
the tables read from ``data/reference/*.csv`` are :mod:`.region_tables` and the matching
rules are :mod:`.region_match`. Pure Python plus pandas (no Streamlit) so loaders, tests
and notebooks can use it too.
"""

from data_access.reference.region_match import SCHEMES as SCHEMES
from data_access.reference.region_match import match_region as match_region
from data_access.reference.region_match import match_sigungu as match_sigungu
from data_access.reference.region_match import normalise_region_name as normalise_region_name
from data_access.reference.region_tables import REFERENCE_DIR as REFERENCE_DIR
from data_access.reference.region_tables import centre_jurisdiction as centre_jurisdiction
from data_access.reference.region_tables import centres as centres
from data_access.reference.region_tables import office_of as office_of
from data_access.reference.region_tables import offices as offices
from data_access.reference.region_tables import regions as regions
from data_access.reference.region_tables import sigungu as sigungu
from data_access.reference.region_tables import split_cell as split_cell
