"""County rates (länsvisa skattesatser) of the income equalisation, from ``lansvisa_skattesatser_utjamning.csv``
(transcribed from förordning (2004:881) 2 § in the wording of SFS 2023:683, four counties SFS 2019:797; fee rates
SFS 2015:1011, only Stockholm and Uppsala). The rule that uses them is in ``docs/model.md`` §4.
"""
from __future__ import annotations

import functools

import pandas as pd

from kommunbudget.data.tables import cached_table

__all__ = ["equalisation_rate", "equalisation_rates"]


@functools.cache
def _equalisation_rates() -> pd.DataFrame:
    frame = cached_table("lansvisa_skattesatser_utjamning.csv")
    out = pd.DataFrame({
        "county_code": frame["lan_kod"].astype(str).str.zfill(2),
        "county": frame["lan"],
        "grant_rate": frame["skattesats_bidrag"].astype(float),
        "grant_rate_source": frame["kalla_bidrag"],
        "fee_rate": pd.to_numeric(frame["skattesats_avgift"], errors="coerce"),
        "fee_rate_source": frame["kalla_avgift"].fillna(""),
        "note": frame["anm"].fillna(""),
    })
    return out


def equalisation_rates() -> pd.DataFrame:
    """County rates (länsvisa skattesatser) used by the income equalisation, kr per 100 kr.

    Returns
    -------
    pandas.DataFrame
        21 rows, columns ``county_code`` (2-digit text), ``county``, ``grant_rate`` (for the grant, förordning
        (2004:881) 2 §, SFS 2023:683; four counties from SFS 2019:797), ``grant_rate_source``, ``fee_rate`` (for
        the fee, SFS 2015:1011; only Stockholm 16.98 and Uppsala 17.07 are in the data, NaN elsewhere),
        ``fee_rate_source``, ``note``. Transcribed from the ordinances into ``lansvisa_skattesatser_utjamning.csv``.
    """
    return _equalisation_rates().copy()


def equalisation_rate(county_code: str) -> dict:
    """The county's rates as a dict with the columns of :func:`equalisation_rates`.

    Raises
    ------
    ValueError
        For a county code not in the table (the message names the code and lists the known ones).
    """
    index = _by_county()
    code = str(county_code).zfill(2)
    if code not in index:
        raise ValueError(f"county_code = {county_code!r} is not a Swedish county with an equalisation rate; "
                         f"expected one of: {', '.join(index)}")
    return dict(index[code])


@functools.lru_cache(maxsize=1)
def _by_county() -> dict[str, dict]:
    """The table as county code -> row, built once per process."""
    return {row["county_code"]: row for row in _equalisation_rates().to_dict(orient="records")}
