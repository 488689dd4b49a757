"""URL normalisation and document identity.

An article is identified by its normalised URL where it has one (scheme dropped, host lower-cased, ``www.``
removed, tracking parameters and fragment removed, query sorted), else by a hash of its clean text.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

TRACKING_PARAMS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ref|ref_src|cmpid|smid|ocid|"
    r"ncid|sr_share|share|taid|_ga|mkt_tok|yclid|at_medium|at_campaign|s_cid|CMP)$",
    re.IGNORECASE,
)


MAX_URL = 8192  # characters: longer is no page address (browsers and servers refuse far shorter ones)
_BAD_CHARS = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")


def normalize_url(url: str | None) -> str | None:
    """``https://WWW.Example.com/a/?utm_source=x&b=2#top`` → ``example.com/a?b=2``; None for non-URLs.

    A URL that cannot be split (a bracket left open: ``http://[::1/``), whose port is no number from 0 to 65535,
    whose host is an IP literal in brackets, holds a control character or a lone surrogate (or a host with a
    space) or is longer than ``MAX_URL`` is no URL here: None, so the article is identified
    by its text and its outlet comes from elsewhere.
    """
    if not url or not url.strip() or len(url) > MAX_URL:
        return None
    url = url.strip()
    if _BAD_CHARS.search(url):
        return None
    if "://" not in url:
        url = "http://" + url
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        port_number = parts.port
    except ValueError:  # "Invalid IPv6 URL", "Port out of range 0-65535", "Port could not be cast to integer"
        return None
    if not host or "." not in host or ":" in host or "[" in parts.netloc or " " in host:
        return None
    if host.startswith("www."):
        host = host[4:]
    port = f":{port_number}" if port_number and port_number not in (80, 443) else ""
    path = re.sub(r"/{2,}", "/", parts.path or "/")
    if len(path) > 1:
        path = path.rstrip("/")
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING_PARAMS.match(k))
    return f"{host}{port}{path}" + (f"?{urlencode(query)}" if query else "")


def outlet_from_url(url: str | None) -> str | None:
    """The site's domain: ``https://www.reuters.com/world/...`` → ``reuters.com``."""
    normalized = normalize_url(url)
    return normalized.split("/", 1)[0].split(":")[0] if normalized else None


def text_hash(text: str) -> str:
    """A hash of text with white space folded, so re-wrapped copies of one text hash alike."""
    folded = " ".join(text.split()).lower()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def document_id(url: str | None, text: str) -> str:
    """The identity of an article: ``u-<hash of normalised URL>`` or ``t-<hash of clean text>``."""
    normalized = normalize_url(url)
    if normalized:
        return "u-" + hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:20]
    return "t-" + text_hash(text)[:20]
