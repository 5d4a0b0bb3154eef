"""The registry of site profiles, looked up by a page's host."""

from __future__ import annotations

from urllib.parse import urlsplit

from extractors.html.profile import SiteProfile
from extractors.html.sites.national import (
    BAOCHINHPHU,
    BAODAUTU,
    CAFEF,
    DANTRI,
    NLD,
    TUOITRE,
    VIETNAMNET,
    VNEXPRESS,
)
from extractors.html.sites.provincial import BAODANANG, BAOQUANGNAM

REGISTRY: tuple[SiteProfile, ...] = (
    VNEXPRESS,
    DANTRI,
    TUOITRE,
    VIETNAMNET,
    NLD,
    CAFEF,
    BAOCHINHPHU,
    BAODAUTU,
    BAOQUANGNAM,
    BAODANANG,
)


def profile_for(url: str | None) -> SiteProfile | None:
    """The profile for a page's URL, or None for the generic strategy."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    for profile in REGISTRY:
        if any(host == d or host.endswith("." + d) for d in profile.domains):
            return profile
    return None


def profile_named(name: str) -> SiteProfile | None:
    return next((p for p in REGISTRY if p.name == name), None)
