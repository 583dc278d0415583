#!/usr/bin/env python3
"""Drives the `mlsd watch --serve` preview in headless Chromium: page URL + spec path -> exit 0
when the page follows each save (exit 1 and the reason otherwise).

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: commands
on fd 3, replies on fd 4, NUL-terminated JSON), so no package and no debugging port are needed.

Steps: load the page; pick a tab and zoom in; save a new label and see the SVG change in the
DOM without a reload, tab and zoom kept; save a broken spec and see the error overlay with
file:line:column; fix it and see the overlay clear.

Usage: preview.py --url URL --spec PATH [--chromium PATH]
"""

import argparse
import fcntl
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

TIMEOUT = 30.0  # seconds any one wait may take (a loaded machine); every loop is bounded


class Browser:
    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="mlsd-chromium-")
        to_child_r, self.to_child = os.pipe()
        self.from_child, from_child_w = os.pipe()
        # Park the child's ends above 10 so the dup2 onto 3 and 4 cannot clobber them.
        hi_r = fcntl.fcntl(to_child_r, fcntl.F_DUPFD_CLOEXEC, 10)
        hi_w = fcntl.fcntl(from_child_w, fcntl.F_DUPFD_CLOEXEC, 10)

        def child_fds():
            os.dup2(hi_r, 3)
            os.dup2(hi_w, 4)

        args = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--remote-debugging-pipe",
            f"--user-data-dir={self.profile}",
            "--window-size=1280,800",
            "about:blank",
        ]
        self.proc = subprocess.Popen(
            args,
            preexec_fn=child_fds,
            close_fds=False,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for fd in (to_child_r, from_child_w, hi_r, hi_w):
            os.close(fd)
        self.buffer = b""
        self.next_id = 0
        self.session = None

    def send(self, method, params=None, session=True):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            message["sessionId"] = self.session
        os.write(self.to_child, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self.read(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    def read(self, deadline):
        import select

        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("chromium did not answer")
            ready, _, _ = select.select([self.from_child], [], [], left)
            if ready:
                chunk = os.read(self.from_child, 1 << 16)
                if not chunk:
                    raise RuntimeError("chromium closed the pipe")
                self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def open(self, url):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = self.send(
            "Target.attachToTarget",
            {"targetId": target["targetId"], "flatten": True},
            session=False,
        )
        self.session = attached["sessionId"]
        self.send("Page.enable")
        self.send("Page.navigate", {"url": url})

    def eval(self, expression):
        result = self.send(
            "Runtime.evaluate",
            {"expression": expression, "returnByValue": True, "awaitPromise": True},
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait(self, what, expression):
        """Polls `expression` until it is truthy; returns its value and the seconds taken."""
        start = time.monotonic()
        last = None
        while time.monotonic() - start < TIMEOUT:
            try:
                last = self.eval(expression)
            except RuntimeError as e:
                last = str(e)
            if last:
                return last, time.monotonic() - start
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what} (last value: {last!r})")

    def close(self):
        try:
            self.send("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


ARCH_SVG = "document.querySelector('#pane-architecture .stage svg')"


def svg_has(text):
    return f"({ARCH_SVG} || {{outerHTML: ''}}).outerHTML.includes({json.dumps(text)})"


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def run(browser, url, spec):
    text = open(spec, encoding="utf-8").read()
    check("Alpha API" in text, "the spec must label a service `Alpha API`")
    browser.open(url)
    browser.wait("the architecture diagram", svg_has("Alpha API"))
    browser.wait(
        "the four tabs and diagrams",
        "document.querySelectorAll('#tabs button').length === 4"
        " && document.querySelectorAll('.pane .stage svg').length === 4",
    )
    browser.eval("window.__mlsdMark = 42")
    # Every diagram is fitted to the window, hidden tabs included.
    scales = browser.eval(
        "[...document.querySelectorAll('.stage')].map(s => s.style.transform)"
    )
    check(all("scale(" in t and "scale(0)" not in t for t in scales), f"bad fit: {scales}")

    # Pick a tab and zoom in: both must survive the next builds.
    browser.eval("document.getElementById('tab-deployment').click()")
    browser.eval("document.getElementById('zoom-in').click()")
    browser.eval("document.getElementById('zoom-in').click()")
    zoom = "document.querySelector('#pane-deployment .stage').style.transform"
    before = browser.eval(zoom)
    check("scale(" in before, f"no zoom after zooming in: {before!r}")

    # A save: the SVG changes in the DOM, in place.
    with open(spec, "w", encoding="utf-8") as f:
        f.write(text.replace("Alpha API", "Beta API"))
    _, took = browser.wait("the new label in the SVG", svg_has("Beta API"))
    print(f"preview: new SVG in the DOM {took * 1000:.0f} ms after the save")
    check(browser.eval("window.__mlsdMark") == 42, "the page reloaded")
    selected = "document.getElementById('tab-deployment').getAttribute('aria-selected')"
    check(browser.eval(selected) == "true", "the selected tab changed")
    check(browser.eval(zoom) == before, "the zoom changed")
    check(browser.eval("document.getElementById('overlay').hidden") is True, "overlay shown")

    # A broken save: the overlay lists file:line:column, the last good diagram stays.
    broken = text.replace("Alpha API", "Beta API") + "service ??? {\n"
    line = broken.count("\n")
    with open(spec, "w", encoding="utf-8") as f:
        f.write(broken)
    where = f"{os.path.basename(spec)}:{line}:9: "
    overlay = "!document.getElementById('overlay').hidden && document.getElementById('errors').innerText"
    shown, _ = browser.wait("the error overlay", overlay)
    check(where in shown, f"the overlay lacks {where!r}: {shown!r}")
    print(f"preview: overlay shows {shown.splitlines()[0]!r}")
    check(browser.eval(svg_has("Beta API")), "the last good diagram went away")

    # Fixed: the overlay clears, the diagram follows.
    with open(spec, "w", encoding="utf-8") as f:
        f.write(text.replace("Alpha API", "Gamma API"))
    browser.wait(
        "the overlay to clear",
        f"document.getElementById('overlay').hidden && {svg_has('Gamma API')}",
    )
    check(browser.eval("window.__mlsdMark") == 42, "the page reloaded")
    check(browser.eval(zoom) == before, "the zoom changed")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--spec", required=True)
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    browser = Browser(args.chromium)
    try:
        run(browser, args.url, args.spec)
    except (AssertionError, RuntimeError, TimeoutError) as e:
        print(f"FAILED: {e}", file=sys.stderr)
        return 1
    finally:
        browser.close()
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
