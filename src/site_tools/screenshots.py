"""Serve a built site locally and drive Debian's Chromium against it.

Run as ``python -m site_tools.screenshots`` (``make screenshots``): build the site
strictly into a temporary folder (or take ``--site DIR``, an existing build), serve
it on 127.0.0.1, and save full-page screenshots of the home page and two chapters,
in the light and the dark palette, at desktop width and at 375 px, into
``review/``. Nothing is fetched from any other host.

The helpers here (`serve_site`, `launch_chromium`, `palette_script`) are shared with
the browser tests (``tests/test_browser.py``).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import re
import shutil
import sys
import tempfile
import threading
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from site_tools.build import build_site
from site_tools.snippets import ROOT

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
"""Flags for a headless run that never talks to Google's update or metrics servers."""

PALETTES = {
    "light": {
        "index": 1,
        "color": {
            "media": "(prefers-color-scheme: light)",
            "scheme": "default",
            "primary": "indigo",
            "accent": "indigo",
        },
    },
    "dark": {
        "index": 2,
        "color": {
            "media": "(prefers-color-scheme: dark)",
            "scheme": "slate",
            "primary": "indigo",
            "accent": "indigo",
        },
    },
}
"""Material's stored palette choices (the ``__palette`` localStorage entry), as the
toggle in the header writes them for the palettes declared in mkdocs.yml."""

DEFAULT_PAGES = ("", "threads/creating_threads/", "processes/processes/")
"""The pages ``make screenshots`` captures: the home page and two chapters."""


def find_chromium() -> str | None:
    """The path of an installed Chromium, or None (``CHROMIUM`` overrides)."""
    explicit = os.environ.get("CHROMIUM")
    if explicit:
        return explicit if Path(explicit).is_file() else shutil.which(explicit)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def launch_chromium(playwright: Any, executable: str | None = None) -> Any:
    """Start a headless Chromium with Playwright (never a downloaded browser)."""
    executable = executable or find_chromium()
    if executable is None:
        raise RuntimeError("no Chromium found (install Debian's `chromium` package)")
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


def site_prefix(site_dir: Path) -> str:
    """The URL path the site is published under (``/threads-and-processes/``).

    Read from the built sitemap, whose first entry is the home page at
    ``site_url``; serving under the same path makes the local server behave like
    GitHub Pages, including the 404 page's absolute links.
    """
    sitemap = site_dir / "sitemap.xml"
    if sitemap.is_file():
        match = re.search(r"<loc>([^<]+)</loc>", sitemap.read_text(encoding="utf-8"))
        if match:
            path = urllib.parse.urlsplit(match.group(1)).path
            return path if path.endswith("/") else path + "/"
    return "/"


COMPRESSED_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")
"""What GitHub Pages sends gzip-compressed to a browser that accepts it."""


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serve ``directory`` under ``prefix``; answer unknown paths with 404.html.

    With ``compress``, text files go out gzip-compressed to clients that accept it,
    as the site's host sends them; without it, as a plain static server does.
    """

    prefix = "/"
    compress = False

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.compress and accepts and path.suffix in COMPRESSED_TYPES):
            return super().send_head()
        if not path.is_file() or not urllib.parse.urlsplit(self.path).path.endswith(
            ("/", path.name)
        ):
            return super().send_head()  # 404s and the redirect of ".../dir"
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def translate_path(self, path: str) -> str:
        clean = urllib.parse.urlsplit(path).path
        if not clean.startswith(self.prefix):
            # A name no build writes (a NUL byte here made open() raise, and the
            # request ended without an answer instead of the 404 page).
            return str(Path(self.directory) / "404.html" / "outside-the-site")
        return super().translate_path("/" + clean[len(self.prefix) :])

    def send_error(
        self, code: int, message: str | None = None, explain: str | None = None
    ) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@contextlib.contextmanager
def serve_site(site_dir: Path, *, compress: bool = False) -> Iterator[str]:
    """Serve a built site on 127.0.0.1 (a free port); yield its base URL.

    ``compress``: gzip text files as the host does (for Lighthouse); the default
    sends them as they are, which the byte budgets of the browser tests measure.
    """
    prefix = site_prefix(site_dir)
    handler = type("Handler", (_SiteHandler,), {"prefix": prefix, "compress": compress})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site_dir))
    )
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def palette_script(base_url: str, palette: str) -> str:
    """JavaScript that stores ``palette`` ("light"/"dark") as Material's choice.

    Material keys its storage by the site's root path (``__md_scope``); the script
    runs before each page's own scripts when added with ``add_init_script``.
    """
    key = urllib.parse.urlsplit(base_url).path + ".__palette"
    value = json.dumps(PALETTES[palette])
    # try: about:blank and error pages have no storage.
    return f"try {{ localStorage.setItem({json.dumps(key)}, {json.dumps(value)}); }} catch {{}}"


def take_screenshots(
    site_dir: Path, out_dir: Path, pages: tuple[str, ...]
) -> list[Path]:
    """Save full-page screenshots of ``pages``: light/dark x desktop/375 px."""
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with serve_site(site_dir) as base, sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for palette in PALETTES:
                for width_name, viewport in (
                    ("desktop", {"width": 1280, "height": 900}),
                    ("375px", {"width": 375, "height": 812}),
                ):
                    context = browser.new_context(viewport=viewport)
                    context.route(
                        "**/*",
                        lambda route: (
                            route.continue_()
                            if route.request.url.startswith(base)
                            else route.abort()
                        ),
                    )
                    context.add_init_script(palette_script(base, palette))
                    page = context.new_page()
                    for path in pages:
                        page.goto(base + path, wait_until="load")
                        # Diagrams are drawn at build time (site_tools.diagrams).
                        page.wait_for_timeout(300)
                        name = (
                            path.strip("/").replace("/", "-") or "home"
                        ) + f"-{palette}-{width_name}.png"
                        target = out_dir / name
                        page.screenshot(path=str(target), full_page=True)
                        saved.append(target)
                    context.close()
        finally:
            browser.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m site_tools.screenshots", description=__doc__.split("\n\n")[1]
    )
    parser.add_argument(
        "--site", type=Path, help="an existing build to use instead of building"
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "review",
        help="output folder (default: review/)",
    )
    parser.add_argument(
        "pages",
        nargs="*",
        default=list(DEFAULT_PAGES),
        help="page paths, e.g. threads/gil/ (default: home and two chapters)",
    )
    args = parser.parse_args(argv)
    if find_chromium() is None:
        print("no Chromium found: install Debian's `chromium` package", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="site-") as tmp:
        site_dir = args.site
        if site_dir is None:
            site_dir = Path(tmp) / "site"
            result = build_site(site_dir)
            if result.returncode:
                sys.exit(f"strict build failed:\n{result.stdout}{result.stderr}")
        for path in take_screenshots(site_dir, args.out, tuple(args.pages)):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
