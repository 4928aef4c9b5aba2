"""Government addresses: URLs checked, normalized and shown, with hosts under IDNA.

A disclosure is published at an address on a government site: a host under
``.gov.cn`` or the ``.政务`` top-level domain, compared as A-labels after
UTS 46 mapping and IDNA 2008, so that full-width letters, upper case and
the ideographic full stop cannot pass for a different host.

>>> import zfgk
>>> zfgk.is_government_url("https://ＺＦＣＸＪＷ.cq.gov.cn/")
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from zfgk._arguments import quiet
from zfgk.errors import InvalidArgumentError, InvalidUrlError
from zfgk.i18n import N_

if TYPE_CHECKING:  # pragma: no cover
    from urllib.parse import SplitResult

__all__ = ["GOVERNMENT_SUFFIXES", "display_url", "is_government_url", "normalize_url"]

#: Government domains accepted by default: ``.gov.cn`` and the ``.政务``
#: top-level domain, compared as A-labels after IDNA processing.
GOVERNMENT_SUFFIXES: tuple[str, ...] = ("gov.cn", "政务")


_FORBIDDEN = re.compile(r"[\\\s\x00-\x1f\x7f]")


def _split(url: str) -> tuple[SplitResult, str]:
    """The parsed URL and its host as a lower-case A-label, or InvalidUrlError."""
    from urllib.parse import urlsplit  # on first use: it costs import time

    import idna

    if not isinstance(url, str):
        raise TypeError(f"an address must be a str, not {type(url).__name__}")
    if not url:
        raise InvalidUrlError.of(N_("not a valid address: it is empty"), "empty")
    if _FORBIDDEN.search(url):
        raise InvalidUrlError.of(
            N_("not a valid address: it holds a backslash, a space or a control character"),
            "characters",
        )
    try:
        parts = urlsplit(url)
        port = parts.port  # raises for a port that is not a number
    except ValueError:
        raise InvalidUrlError.of(N_("not a valid address: it cannot be parsed"), "syntax") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InvalidUrlError.of(
            N_("not a valid address: the scheme must be http or https"), "scheme"
        )
    host = parts.hostname or ""
    if not host:
        raise InvalidUrlError.of(N_("not a valid address: it has no host"), "host")
    del port
    import ipaddress

    try:
        ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return parts, host
    if host.endswith(".") and not host.endswith(".."):
        host = host[:-1]
    try:
        a_label = idna.encode(host, uts46=True, std3_rules=True).decode("ascii")
    except (idna.IDNAError, UnicodeError) as e:
        raise InvalidUrlError.of(
            N_("not a valid address: its host is not a valid domain name ({reason})"),
            "host",
            reason=quiet(e),  # idna's reason quotes the host: no long number from it
        ) from None
    if len(a_label) > 253:
        raise InvalidUrlError.of(N_("not a valid address: its host is over 253 characters"), "host")
    return parts, a_label.lower()


def _rebuild(parts: SplitResult, host: str) -> str:
    netloc = host if ":" not in host else f"[{host}]"
    if parts.port is not None:
        netloc += f":{parts.port}"
    if parts.username is not None:
        userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
        netloc = f"{userinfo}@{netloc}"
    rebuilt = f"{parts.scheme.lower()}://{netloc}{parts.path}"
    if parts.query:
        rebuilt += f"?{parts.query}"
    if parts.fragment:
        rebuilt += f"#{parts.fragment}"
    return rebuilt


def normalize_url(url: str) -> str:
    """The canonical form of an address: lower-case scheme, host as a lower-case A-label.

    The host goes through UTS 46 mapping (full-width letters, upper case,
    the ideographic full stop 。) and IDNA 2008; a final dot is dropped.

    >>> import zfgk
    >>> zfgk.normalize_url("HTTPS://ＺＦＣＸＪＷ.CQ.GOV.CN/zwgk/")
    'https://zfcxjw.cq.gov.cn/zwgk/'
    >>> zfgk.normalize_url("http://住房和城乡建设委员会.重庆.政务/")
    'http://xn--wjq8q7e91rnhu2pw5di2nemhjl6i.xn--zwt745i.xn--zfr164b/'

    Anything else raises :class:`~zfgk.InvalidUrlError`:

    >>> zfgk.normalize_url("https://-bad-.gov.cn/")
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidUrlError: not a valid address: its host is not a valid domain name (Label must not start or end with a hyphen)
    """
    parts, host = _split(url)
    return _rebuild(parts, host)


def display_url(url: str) -> str:
    """The address for people: the host in Unicode (U-labels).

    >>> import zfgk
    >>> zfgk.display_url("http://xn--wjq8q7e91rnhu2pw5di2nemhjl6i.xn--zwt745i.xn--zfr164b/")
    'http://住房和城乡建设委员会.重庆.政务/'
    >>> zfgk.display_url("zfcxjw.cq.gov.cn")
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidUrlError: not a valid address: the scheme must be http or https
    """
    import idna

    parts, host = _split(url)
    labels = []
    for label in host.split("."):
        try:
            labels.append(idna.decode(label) if label.startswith("xn--") else label)
        except idna.IDNAError:
            labels.append(label)
    return _rebuild(parts, ".".join(labels))


def _suffixes(suffixes: Iterable[str] | None) -> tuple[str, ...]:
    import idna

    if isinstance(suffixes, str):
        raise TypeError("government_suffixes must be a collection of domains, not one str")
    if suffixes is not None and not isinstance(suffixes, Iterable):
        raise TypeError(
            "government_suffixes must be a collection of domains or None, "
            f"not {type(suffixes).__name__}"
        )
    out = []
    for suffix in GOVERNMENT_SUFFIXES if suffixes is None else suffixes:
        if not isinstance(suffix, str):
            raise TypeError(f"a government suffix must be a str, not {type(suffix).__name__}")
        clean = suffix.strip().strip(".")
        try:
            out.append(idna.encode(clean, uts46=True).decode("ascii").lower())
        except idna.IDNAError:
            raise InvalidArgumentError.of(
                N_("not a domain name: {suffix!r} (a government suffix is a domain, like gov.cn)"),
                suffix=quiet(suffix[:64]),
            ) from None
    return tuple(out)


def is_government_url(url: str, *, government_suffixes: Iterable[str] | None = None) -> bool:
    """Whether a valid address's host is under a government domain.

    >>> import zfgk
    >>> zfgk.is_government_url("https://zfcxjw.cq.gov.cn.example.com/")
    False
    >>> zfgk.is_government_url("https://zfcxjw.cq.gov.cn@evil.example/")
    False
    >>> zfgk.is_government_url("https://zfcxjw.cq.gov.cn./")
    True

    Raises :class:`~zfgk.InvalidUrlError` for an address that is not valid:

    >>> zfgk.is_government_url("https://zfcxjw.cq.gov.cn\\\\zwgk")
    Traceback (most recent call last):
    ...
    zfgk.errors.InvalidUrlError: not a valid address: it holds a backslash, a space or a control character
    """
    _, host = _split(url)
    return any(host == s or host.endswith("." + s) for s in _suffixes(government_suffixes))
