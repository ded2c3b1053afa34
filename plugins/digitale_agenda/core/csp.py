"""A Content-Security-Policy for the built site, with the hashes of its inline scripts.

The policy allows only this site's own files, so even if untrusted content slipped past the
sanitiser, a browser would run no injected script and contact no other server. The theme has a few
small inline scripts (reading the colour scheme before the page paints); rather than allowing all
inline code, each one is allowed by its SHA-256 hash, collected from every page as it is written.
Pagefind compiles its WebAssembly in the browser, which needs ``'wasm-unsafe-eval'``.

Hosts set headers in different ways, so the build writes the policy twice: ``_headers`` (Netlify,
Cloudflare Pages and hosts that read the same format) and ``_nginx-sicherheit.conf`` (an nginx
snippet to include in the ``server`` block).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

HEADERS_FILE = "_headers"
NGINX_FILE = "_nginx-sicherheit.conf"

_SCRIPT = re.compile(r"<script\b(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"\stype\s*=\s*[\"']?([^\"'\s>]+)", re.IGNORECASE)
# Script types a browser runs; others (application/json configuration) are data, not code.
_RUNNABLE = {"", "text/javascript", "module", "application/javascript"}


def inline_script_hashes(html: str) -> set[str]:
    """CSP source expressions ('sha256-…') for the inline scripts of one page."""
    hashes = set()
    for match in _SCRIPT.finditer(html):
        attrs = match.group("attrs")
        kind = _TYPE.search(attrs)
        if _SRC.search(attrs) or (kind and kind.group(1).lower() not in _RUNNABLE):
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        hashes.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return hashes


def policy(script_hashes: set[str]) -> str:
    """The policy for every page: own origin only, inline scripts by hash, no plugins, no framing."""
    scripts = " ".join(["'self'", "'wasm-unsafe-eval'", *sorted(script_hashes)])
    return "; ".join([
        "default-src 'none'",
        f"script-src {scripts}",
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",  # the theme positions a few elements with style attributes
        "img-src 'self' data:",  # the theme's icons are inline SVG data
        "font-src 'self'",
        "connect-src 'self'",  # Pagefind loads its index chunks
        "manifest-src 'self'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "object-src 'none'",
    ])


OTHER_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


def write_policy_files(site_dir: Path, script_hashes: set[str]) -> str:
    """Write ``_headers`` and the nginx snippet into the site; return the policy."""
    csp = policy(script_hashes)
    headers = {"Content-Security-Policy": csp, **OTHER_HEADERS}
    lines = ["# Sicherheits-Header für alle Seiten (Format von Netlify und Cloudflare Pages).",
             "# Vom Build erzeugt; die Hashes gehören zu den Skripten genau dieses Builds.", "/*"]
    lines += [f"  {name}: {value}" for name, value in headers.items()]
    (site_dir / HEADERS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    nginx = ["# Sicherheits-Header für nginx: im server-Block mit „include …/_nginx-sicherheit.conf;“ einbinden.",
             "# Vom Build erzeugt; die Hashes gehören zu den Skripten genau dieses Builds."]
    nginx += [f'add_header {name} "{value}" always;' for name, value in headers.items()]
    (site_dir / NGINX_FILE).write_text("\n".join(nginx) + "\n", encoding="utf-8")
    return csp

