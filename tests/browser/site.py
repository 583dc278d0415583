#!/usr/bin/env python3
"""Drives a built design site (`mlsd build --site`) in headless Chromium from file://:
exit 0 when every check holds (exit 1 and the reason otherwise).

Checks: the overview's group box carries a <title> tooltip and is what the pointer hits;
clicking it opens the group's detail page; the search box highlights a component in the
diagrams of the page and in several views on views.html; zoom (wheel, buttons) and fit change
the viewBox; prefers-color-scheme: dark darkens the page and inverts a light diagram; on every page, every link resolves (its file exists, its #anchor is an id there);
no console error or uncaught exception on any page.

Usage: site.py --folder DESIGN_FOLDER --group GROUP --find COMPONENT [--chromium PATH]
       site.py --live URL --spec PATH --old LABEL --new LABEL [--chromium PATH]
         (a page of `mlsd watch --serve --site` reloads with the new label after a save)
"""

import argparse
import json
import os
import re
import shutil
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from preview import TIMEOUT, Browser, check  # noqa: E402


class SiteBrowser(Browser):
    """A Browser that records console errors, uncaught exceptions and failed loads."""

    def __init__(self, chromium):
        super().__init__(chromium)
        self.errors = []

    def read(self, deadline):
        message = super().read(deadline)
        method = message.get("method")
        params = message.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.errors.append(f"exception: {details.get('text')} {details.get('exception', {}).get('description', '')}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            args = [a.get("value", a.get("description")) for a in params.get("args", [])]
            self.errors.append(f"console.{params.get('type')}: {args}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            entry = params["entry"]
            self.errors.append(f"log: {entry.get('text')} {entry.get('url', '')}")
        return message

    def start(self):
        target = self.send("Target.createTarget", {"url": "about:blank"}, session=False)
        attached = self.send(
            "Target.attachToTarget",
            {"targetId": target["targetId"], "flatten": True},
            session=False,
        )
        self.session = attached["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.send(f"{domain}.enable")

    def goto(self, url):
        self.send("Page.navigate", {"url": url})
        self.settle(url)

    def settle(self, url_part):
        self.wait(
            f"{url_part} to load",
            f"document.readyState === 'complete' && location.href.includes({json.dumps(url_part)})",
        )

    def mouse(self, kind, x, y, **extra):
        params = {"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}
        params.update(extra)
        self.send("Input.dispatchMouseEvent", params)


def center_of(browser, selector):
    box = browser.eval(
        f"(() => {{ const r = document.querySelector({json.dumps(selector)}).getBoundingClientRect();"
        " return [r.left + r.width / 2, r.top + r.height / 2, r.width, r.height]; })()"
    )
    check(box and box[2] > 0 and box[3] > 0, f"{selector} is not drawn: {box}")
    return box[0], box[1]


def file_url(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


def check_links(browser, page_path):
    """Every link of the loaded page resolves to a file, and its anchor to an id there."""
    links = browser.eval(
        "[...document.querySelectorAll('a[href]')].map(a => new URL(a.getAttribute('href'), location.href).href)"
    )
    for link in links:
        parsed = urllib.parse.urlparse(link)
        if parsed.scheme in ("http", "https", "mailto"):
            continue
        check(parsed.scheme == "file", f"{page_path}: link {link} is not a file")
        target = urllib.parse.unquote(parsed.path)
        check(os.path.isfile(target), f"{page_path}: link {link} -> no file {target}")
        fragment = urllib.parse.unquote(parsed.fragment)
        if fragment and not fragment.startswith("q="):
            text = open(target, encoding="utf-8", errors="replace").read()
            check(
                re.search(r'\sid="' + re.escape(fragment) + '"', text) is not None,
                f"{page_path}: link {link}: no id {fragment!r} in {target}",
            )
    return len(links)


def run(browser, folder, group, find):
    site = os.path.join(folder, "site")
    browser.start()

    # The overview: a group box with a tooltip, hit by the pointer; a click drills down.
    overview = os.path.join(site, "diagrams", "architecture.html")
    browser.goto(file_url(overview))
    node = f"g.node#node-{group}"
    browser.wait("the overview diagram", f"!!document.querySelector({json.dumps(node)})")
    x, y = center_of(browser, node)
    browser.mouse("mouseMoved", x, y, button="none")
    hovered = browser.eval(
        f"(() => {{ const g = document.elementFromPoint({x}, {y}).closest('g.node');"
        " const t = g && g.querySelector(':scope > title'); return g ? [g.id, t ? t.textContent : ''] : null; })()"
    )
    check(hovered and hovered[0] == f"node-{group}", f"the pointer is not on the group box: {hovered}")
    check(len(hovered[1].strip()) > 0, "the group box has no tooltip")
    print(f"site: tooltip on hover: {hovered[1].splitlines()[0]!r}")
    browser.mouse("mousePressed", x, y)
    browser.mouse("mouseReleased", x, y)
    detail = f"/site/diagrams/architecture/{group}.html"
    browser.settle(detail)
    print(f"site: clicking the group opened {detail}")

    # Search on the detail page, then on the page of every view.
    def search(q):
        browser.eval(
            "(() => { const i = document.getElementById('search');"
            f" i.value = {json.dumps(q)}; i.dispatchEvent(new Event('input')); }})()"
        )

    browser.wait("the detail diagram", "!!document.querySelector('figure.diagram svg')")
    search(find)
    hit = f"g.node#node-{find}.mlsd-hit"
    browser.wait("the search hit", f"!!document.querySelector({json.dumps(hit)})")
    browser.wait("the result list", "!document.getElementById('results').hidden")
    browser.goto(file_url(os.path.join(site, "views.html")))
    search(find)
    views = browser.wait(
        "hits in several views",
        "(() => { const n = [...document.querySelectorAll('figure.diagram svg')]"
        ".filter(s => s.querySelector('g.node.mlsd-hit')).length; return n >= 2 ? n : 0; })()",
    )[0]
    print(f"site: search {find!r} highlights it in {views} views")

    # Zoom and fit.
    box = "document.querySelector('figure.diagram svg').getAttribute('viewBox')"
    home = browser.eval(box)
    browser.eval("document.querySelector('figure.diagram .zoom-in').click()")
    check(browser.eval(box) != home, "zoom-in did not change the view")
    browser.eval("document.querySelector('figure.diagram .fit').click()")
    check(browser.eval(box) == home, "fit did not restore the view")
    x, y = center_of(browser, "figure.diagram svg")
    browser.send("Input.dispatchMouseEvent", {"type": "mouseWheel", "x": x, "y": y, "deltaX": 0, "deltaY": -200})
    browser.wait("the wheel to zoom", f"{box} !== {json.dumps(home)}")

    # Light and dark follow the browser: the page turns dark, a light diagram is inverted.
    light_bg = browser.eval("getComputedStyle(document.body).backgroundColor")
    browser.send(
        "Emulation.setEmulatedMedia",
        {"features": [{"name": "prefers-color-scheme", "value": "dark"}]},
    )
    dark_bg = browser.eval("getComputedStyle(document.body).backgroundColor")
    check(dark_bg != light_bg, f"the page stays {light_bg} in dark mode")
    first = "document.querySelector('figure.diagram svg')"
    svg_filter = browser.eval(f"getComputedStyle({first}).filter")
    fill = browser.eval(f"{first}.querySelector(':scope > rect').getAttribute('fill')")
    r, g, b = (int(fill[i : i + 2], 16) for i in (1, 3, 5))
    light = 0.2126 * r + 0.7152 * g + 0.0722 * b > 128
    marked = browser.eval(f"{first}.classList.contains('mlsd-light')")
    check(marked == light, f"background {fill}: marked light {marked}, is light {light}")
    if light:
        check("invert" in svg_filter, f"a light diagram is not turned dark: {svg_filter!r}")
    else:
        check("invert" not in svg_filter, f"a dark diagram is inverted: {svg_filter!r}")
    browser.send("Emulation.setEmulatedMedia", {"features": []})
    print(f"site: dark mode {dark_bg}, light {light_bg}")

    # Every page: links resolve, no error.
    pages = []
    for base, _, files in os.walk(site):
        pages.extend(os.path.join(base, f) for f in files if f.endswith(".html"))
    links = 0
    for page in sorted(pages):
        browser.goto(file_url(page))
        links += check_links(browser, os.path.relpath(page, folder))
    time.sleep(0.2)
    check(not browser.errors, f"console errors: {browser.errors}")
    print(f"site: {len(pages)} pages, {links} links resolve, no console error")


def run_live(browser, url, spec, old, new):
    """`mlsd watch --serve --site`: a save reloads the open page with the new build."""
    text = open(spec, encoding="utf-8").read()
    check(old in text, f"the spec must contain {old!r}")
    browser.start()
    browser.goto(url)
    has = lambda label: f"document.documentElement.outerHTML.includes({json.dumps(label)})"
    browser.wait("the first build on the page", has(old))
    browser.wait("the live connection", "document.body.getAttribute('data-live') === '/events'")
    time.sleep(0.5)  # the event stream connects and takes the current build as its baseline
    browser.eval("window.__mlsdMark = 42")
    with open(spec, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new))
    _, took = browser.wait("the reloaded page", f"window.__mlsdMark === undefined && {has(new)}")
    print(f"site: live page reloaded with the new build {took * 1000:.0f} ms after the save")
    check(not browser.errors, f"console errors: {browser.errors}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--folder")
    parser.add_argument("--group")
    parser.add_argument("--find")
    parser.add_argument("--live", help="a site page served by `mlsd watch --serve --site`")
    parser.add_argument("--spec")
    parser.add_argument("--old")
    parser.add_argument("--new")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    args = parser.parse_args()
    browser = SiteBrowser(args.chromium)
    try:
        if args.live:
            run_live(browser, args.live, args.spec, args.old, args.new)
        else:
            run(browser, args.folder, args.group, args.find)
    except (AssertionError, RuntimeError, TimeoutError) as e:
        print(f"FAILED: {e}", file=sys.stderr)
        return 1
    finally:
        browser.close()
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
