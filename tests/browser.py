"""Headless Chromium for the view's tests and benchmark, offline and installed on demand.

    with offline_browser(tmp_dir) as browser:
        page = browser.open(Path("view.html"))
        ...
        assert browser.blocked == []
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:")


def _has_chinese_font() -> bool:
    if shutil.which("fc-list") is None:
        return False
    found = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True, check=False)
    return bool(found.stdout.strip())


def ensure_chromium() -> Path:
    """Debian's Chromium and a Chinese font, installed with apt-get when missing (needs root)."""
    packages = []
    if not CHROMIUM.exists():
        packages += ["chromium", "fonts-wqy-zenhei"]
    elif not _has_chinese_font():
        packages.append("fonts-wqy-zenhei")
    if packages:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        for cmd in (["apt-get", "update"], ["apt-get", "install", "-y", *packages]):
            done = subprocess.run(cmd, capture_output=True, text=True, env=env, check=False)
            if done.returncode:
                raise RuntimeError(f"{' '.join(cmd)} failed (run it as root): {done.stderr.strip()[-500:]}")
    if not CHROMIUM.exists():
        raise RuntimeError(f"{CHROMIUM} is still missing after apt-get install chromium")
    return CHROMIUM


@dataclass
class OfflineBrowser:
    """A Chromium context that lets the page reach nothing but local files."""

    context: object
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def open(self, path: Path, *, width: int = 1400, height: int = 900, timeout_ms: int = 60_000, wait_until: str = "load"):
        page = self.context.new_page()
        page.set_viewport_size({"width": width, "height": height})
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.goto(Path(path).resolve().as_uri(), timeout=timeout_ms, wait_until=wait_until)
        return page

    def wait_stable(self, page, timeout_ms: int = 60_000) -> float:
        """Milliseconds from navigation start until the page's layout has settled."""
        wait_until(page, "window.__kgStable === true", timeout_ms)
        return float(page.evaluate("window.__kgStableMs || performance.now()"))


def wait_until(page, expression: str, timeout_ms: int = 10_000, every_ms: int = 50) -> None:
    """Poll `expression` until it is true. (Playwright's wait_for_function evaluates strings
    with eval, which the view's Content-Security-Policy forbids; evaluate() is not affected.)"""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(expression):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{expression} still false after {timeout_ms} ms")
        page.wait_for_timeout(every_ms)


@contextlib.contextmanager
def offline_browser(user_data_root: Path | None = None) -> Iterator[OfflineBrowser]:
    """Headless Chromium with a fresh profile; every http(s)/ws request is aborted and recorded."""
    from playwright.sync_api import sync_playwright

    executable = ensure_chromium()
    with contextlib.ExitStack() as stack:
        profile = Path(stack.enter_context(tempfile.TemporaryDirectory(dir=user_data_root, prefix="chromium-")))
        pw = stack.enter_context(sync_playwright())
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=str(executable), headless=True, args=ARGS, locale="zh-CN"
        )
        stack.callback(context.close)
        browser = OfflineBrowser(context)

        def route(r):
            url = r.request.url
            if url.startswith(_LOCAL_SCHEMES):
                r.continue_()
            else:
                if url not in browser.blocked:
                    browser.blocked.append(url)
                r.abort()

        def seen(request) -> None:
            if not request.url.startswith(_LOCAL_SCHEMES) and request.url not in browser.blocked:
                browser.blocked.append(request.url)

        context.route("**/*", route)
        context.on("request", seen)
        if hasattr(context, "route_web_socket"):
            context.route_web_socket("**/*", lambda ws: browser.blocked.append(ws.url) or ws.close())
        yield browser
