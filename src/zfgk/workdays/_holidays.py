"""Statutory public holidays, known years ahead: the fixed dates and the lunar festivals.

These are the days of 全国年节及纪念日放假办法; the State Council's yearly
notice adds the days around them and the make-up working days.
"""

from __future__ import annotations

from datetime import date, timedelta

from zfgk.errors import InvalidArgumentError
from zfgk.i18n import N_

#: Fixed-date statutory holidays (全国年节及纪念日放假办法, as revised in 2024):
#: 元旦 (1-1), 劳动节 (5-1, 5-2) and 国庆节 (10-1 to 10-3).
FIXED_HOLIDAYS: tuple[tuple[int, int, str], ...] = (
    (1, 1, "元旦"),
    (5, 1, "劳动节"),
    (5, 2, "劳动节"),
    (10, 1, "国庆节"),
    (10, 2, "国庆节"),
    (10, 3, "国庆节"),
)

#: The statutory holidays' names, in the order of the year.
STATUTORY_HOLIDAY_NAMES = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")

# 春节 (正月初一), 端午 (五月初五) and 中秋 (八月十五) by year, as MMDD.  Computed
# with the lunardate package and checked against two other implementations
# (lunarcalendar, zhdate) and, for the years it covers, against the official
# holidays of chinese-calendar; tests/test_holidays.py repeats both checks.
_LUNAR = (
    "2004:0122,0622,0928 2005:0209,0611,0918 2006:0129,0531,1006 2007:0218,0619,0925 "
    "2008:0207,0608,0914 2009:0126,0528,1003 2010:0214,0616,0922 2011:0203,0606,0912 "
    "2012:0123,0623,0930 2013:0210,0612,0919 2014:0131,0602,0908 2015:0219,0620,0927 "
    "2016:0208,0609,0915 2017:0128,0530,1004 2018:0216,0618,0924 2019:0205,0607,0913 "
    "2020:0125,0625,1001 2021:0212,0614,0921 2022:0201,0603,0910 2023:0122,0622,0929 "
    "2024:0210,0610,0917 2025:0129,0531,1006 2026:0217,0619,0925 2027:0206,0609,0915 "
    "2028:0126,0528,1003 2029:0213,0616,0922 2030:0203,0605,0912 2031:0123,0624,1001 "
    "2032:0211,0612,0919 2033:0131,0601,0908 2034:0219,0620,0927 2035:0208,0610,0916 "
    "2036:0128,0530,1004 2037:0215,0618,0924 2038:0204,0607,0913 2039:0124,0527,1002 "
    "2040:0212,0614,0920 2041:0201,0603,0910 2042:0122,0622,0928 2043:0210,0611,0917 "
    "2044:0130,0531,1005 2045:0217,0619,0925 2046:0206,0608,0915 2047:0126,0529,1004 "
    "2048:0214,0615,0922 2049:0202,0604,0911 2050:0123,0623,0930 2051:0211,0613,0919 "
    "2052:0201,0601,0907 2053:0219,0620,0926 2054:0208,0610,0916 2055:0128,0530,1005 "
    "2056:0215,0617,0924 2057:0204,0606,0913 2058:0124,0625,1002 2059:0212,0614,0921 "
    "2060:0202,0603,0909 2061:0121,0622,0928 2062:0209,0611,0917 2063:0129,0601,1006 "
    "2064:0217,0619,0925 2065:0205,0608,0915 2066:0126,0528,1003 2067:0214,0616,0923 "
    "2068:0203,0604,0911 2069:0123,0623,0929 2070:0211,0613,0919 2071:0131,0602,0908 "
    "2072:0219,0620,0926 2073:0207,0610,0916 2074:0127,0530,1005 2075:0215,0617,0924 "
    "2076:0205,0606,0912 2077:0124,0624,1001 2078:0212,0614,0920 2079:0202,0604,0910 "
    "2080:0122,0622,0928 2081:0209,0611,0917 2082:0129,0601,1006 2083:0217,0619,0926 "
    "2084:0206,0607,0914 2085:0126,0527,1003 2086:0214,0615,0922 2087:0203,0605,0911 "
    "2088:0124,0623,0929"
)


def lunar_festivals(year: int) -> tuple[date, date, date]:
    """春节 (正月初一), 端午 (五月初五) and 中秋 (八月十五) of ``year``, 2004–2088.

    >>> from zfgk.workdays import lunar_festivals
    >>> lunar_festivals(2027)
    (datetime.date(2027, 2, 6), datetime.date(2027, 6, 9), datetime.date(2027, 9, 15))
    >>> lunar_festivals(2100)
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidArgumentError: no lunar festival dates for 2100: zfgk knows 2004–2088
    """
    for entry in _LUNAR.split():
        if entry.startswith(f"{year}:"):
            days = entry[5:].split(",")
            return tuple(date(year, int(d[:2]), int(d[2:])) for d in days)  # type: ignore[return-value]
    raise InvalidArgumentError.of(
        N_("no lunar festival dates for {year}: zfgk knows 2004–2088"), year=year
    )


def statutory_holidays(year: int) -> tuple[tuple[date, str], ...]:
    """The statutory public holidays of ``year``, before the State Council's notice.

    全国年节及纪念日放假办法 (as revised in 2024, in force from 2025): 元旦
    1-1; 春节 除夕 and 正月初一 to 初三; 清明 on its solar term; 劳动节 5-1
    and 5-2; 端午 and 中秋 on their lunar dates; 国庆 10-1 to 10-3.  The
    notice adds the days around them and the make-up working days, which
    nobody knows in advance; :func:`provisional_deadline` assumes these.

    >>> from zfgk.workdays import statutory_holidays
    >>> [(d.isoformat(), name) for d, name in statutory_holidays(2027)][1:6]
    [('2027-02-05', '春节'), ('2027-02-06', '春节'), ('2027-02-07', '春节'), ('2027-02-08', '春节'), ('2027-04-05', '清明节')]
    """
    from chinese_calendar import get_solar_terms

    new_year, dragon_boat, mid_autumn = lunar_festivals(year)
    qingming = next(
        d for d, name in get_solar_terms(date(year, 4, 1), date(year, 4, 30)) if name == "清明"
    )
    days = [(date(year, m, d), name) for m, d, name in FIXED_HOLIDAYS]
    days += [(new_year + timedelta(days=n), "春节") for n in range(-1, 3)]
    days += [(qingming, "清明节"), (dragon_boat, "端午节"), (mid_autumn, "中秋节")]
    return tuple(sorted(days))
