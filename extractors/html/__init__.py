"""HTML pages -> articles: a generic reading plus small per-site profiles."""

from extractors.html.page import HtmlError, parse_page
from extractors.html.profile import GENERIC, SiteProfile
from extractors.html.sites import REGISTRY, profile_for

__all__ = ["GENERIC", "HtmlError", "REGISTRY", "SiteProfile", "parse_page", "profile_for"]
