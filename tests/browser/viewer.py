#!/usr/bin/env python3
"""Drive newsgraph's HTML viewer in headless Chromium and check it works without the network.

Run by `tests/browser.rs`; usable by hand too:

    python3 tests/browser/viewer.py --html graph.html [--url http://127.0.0.1:PORT/] \
        --screenshot DIR

For each page (the exported file, then the served viewer if --url is given) it types an entity
name in the search box, clicks the person's node and checks the side panel shows the office
("Secretary General" — NATO), follows the panel's `holdsPositionIn` link and checks the evidence
sentences, clicks an edge in the drawing and checks its evidence, and saves PNG screenshots.

Network check: Chromium's DevTools network events (performance log, `goog:loggingPrefs`) and the
page's own Resource Timing entries are collected for each page; any URL that is not `file:`,
`data:`, `about:`, `blob:` or the served viewer's own origin fails the run. A canary page that
loads `http://network-canary.invalid/` afterwards proves the check sees such requests. As a
second line of defence `--host-resolver-rules` sends every host name but the loopback nowhere,
so a page that does try the network fails fast instead of hanging.

Only the Python standard library is used: WebDriver is plain HTTP+JSON to chromedriver. Exit
status 0 = all checks passed, 1 = a check failed, 2 = the browser could not be run.
"""

import argparse
import base64
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

WAIT = 20.0  # seconds: every page load and element wait is bounded by this
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
ENTER = "\ue007"
CANARY = "http://network-canary.invalid/canary.png"


class CheckFailed(Exception):
    pass


class BrowserError(Exception):
    pass


def log(msg):
    print("[viewer.py] " + msg, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class WebDriver:
    """The few W3C WebDriver commands the test needs, plus chromedriver's log endpoint."""

    def __init__(self, chromedriver, chromium, profile):
        self.port = free_port()
        self.base = "http://127.0.0.1:%d" % self.port
        self.session = None
        self.driver_log = open(os.path.join(profile, "chromedriver.log"), "w")
        # Own session (process group) so the driver and the browser it starts can be ended
        # together by this process's id, never by name.
        self.proc = subprocess.Popen(
            [chromedriver, "--port=%d" % self.port],
            stdout=self.driver_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + WAIT
        while True:
            try:
                if self._call("GET", "/status", timeout=2)["value"].get("ready"):
                    break
            except (OSError, BrowserError):
                pass
            if self.proc.poll() is not None:
                raise BrowserError("chromedriver exited with status %s" % self.proc.returncode)
            if time.monotonic() > deadline:
                raise BrowserError("chromedriver not ready after %.0f s" % WAIT)
            time.sleep(0.1)
        args = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-default-apps",
            "--disable-extensions",
            "--disable-dev-shm-usage",
            "--user-data-dir=" + os.path.join(profile, "chromium-profile"),
            "--window-size=1400,900",
            # Belt and braces: no host name resolves except the loopback the served viewer uses.
            "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1 , EXCLUDE localhost",
        ]
        caps = {
            "browserName": "chrome",
            "pageLoadStrategy": "normal",
            "timeouts": {"pageLoad": int(WAIT * 1000), "script": int(WAIT * 1000), "implicit": 0},
            "goog:chromeOptions": {
                "binary": chromium,
                "args": args,
                "perfLoggingPrefs": {"enableNetwork": True, "enablePage": False},
            },
            "goog:loggingPrefs": {"performance": "ALL", "browser": "ALL"},
        }
        value = self._call("POST", "/session", {"capabilities": {"alwaysMatch": caps}}, timeout=60)["value"]
        self.session = value["sessionId"]
        log(
            "browser: %s %s"
            % (value["capabilities"].get("browserName"), value["capabilities"].get("browserVersion"))
        )
        # Leave the start page and drop what it loaded before the pages under test are opened.
        self.get("about:blank")
        self.logs("performance")

    def _call(self, method, path, body=None, timeout=WAIT + 10):
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method)
        req.add_header("Content-Type", "application/json; charset=utf-8")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                return json.loads(r.read().decode())
        except urllib.error.HTTPError as e:
            try:
                v = json.loads(e.read().decode())["value"]
                msg = "%s: %s" % (v.get("error"), v.get("message", "").splitlines()[0])
            except Exception:  # noqa: BLE001 - report whatever came back
                msg = str(e)
            raise BrowserError("%s %s -> %s" % (method, path, msg)) from None

    def cmd(self, method, path, body=None):
        return self._call(method, "/session/%s%s" % (self.session, path), body)["value"]

    def get(self, url):
        self.cmd("POST", "/url", {"url": url})

    def js(self, script, *args):
        return self.cmd("POST", "/execute/sync", {"script": script, "args": list(args)})

    def find(self, css):
        return self.cmd("POST", "/element", {"using": "css selector", "value": css})[ELEMENT]

    def wait_for(self, what, fn):
        """Polls `fn` until it returns something truthy, at most WAIT seconds."""
        deadline = time.monotonic() + WAIT
        last = None
        while time.monotonic() < deadline:
            try:
                got = fn()
                if got:
                    return got
            except BrowserError as e:
                last = e
            time.sleep(0.1)
        raise CheckFailed(
            "timed out after %.0f s waiting for %s%s" % (WAIT, what, " (%s)" % last if last else "")
        )

    def click(self, element):
        self.cmd("POST", "/element/%s/click" % element, {})

    def type(self, element, text):
        self.cmd("POST", "/element/%s/value" % element, {"text": text})

    def text(self, element):
        return self.cmd("GET", "/element/%s/text" % element)

    def screenshot(self, path):
        png = base64.b64decode(self.cmd("GET", "/screenshot"))
        if not png.startswith(b"\x89PNG\r\n\x1a\n") or len(png) < 10000:
            raise CheckFailed("screenshot %s is not a plausible PNG (%d bytes)" % (path, len(png)))
        with open(path, "wb") as f:
            f.write(png)
        log("screenshot: %s (%d bytes)" % (path, len(png)))

    def logs(self, kind):
        return self.cmd("POST", "/se/log", {"type": kind})

    def close(self):
        try:
            if self.session:
                self._call("DELETE", "/session/" + self.session, timeout=10)
        except Exception:  # noqa: BLE001 - closing is best effort, the kill below is not
            pass
        finally:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(timeout=10)
            self.driver_log.close()


# ---- the network check --------------------------------------------------------------------


def requested_urls(drv):
    """Every URL the page asked for since the last call: DevTools network events (drained from
    the performance log) and the page's Resource Timing entries."""
    urls = []
    for entry in drv.logs("performance"):
        msg = json.loads(entry["message"])["message"]
        method, params = msg.get("method", ""), msg.get("params", {})
        if not method.startswith("Network."):
            continue
        for url in (
            params.get("request", {}).get("url"),
            params.get("response", {}).get("url"),
            params.get("url"),  # Network.webSocketCreated, Network.eventSourceMessageReceived…
            params.get("documentURL"),
        ):
            if url:
                urls.append(url)
    try:
        urls += drv.js(
            "return performance.getEntriesByType('navigation').concat("
            "performance.getEntriesByType('resource')).map(e => e.name);"
        )
    except BrowserError:
        pass
    return urls


def offending(urls, own_origin):
    bad = []
    for url in urls:
        scheme = urllib.parse.urlsplit(url).scheme.lower()
        if scheme in ("file", "data", "about", "blob"):
            continue
        if own_origin and (url == own_origin or url.startswith(own_origin + "/")):
            continue
        bad.append(url)
    return sorted(set(bad))


def check_network(drv, label, own_origin):
    urls = requested_urls(drv)
    bad = offending(urls, own_origin)
    log("%s: %d request(s) seen, all local" % (label, len(urls)) if not bad else "%s: network!" % label)
    if bad:
        raise CheckFailed("%s tried the network: %s" % (label, ", ".join(bad)))


def canary(drv):
    """Proves the network check sees a page's requests: a data: page loading a remote image."""
    requested_urls(drv)  # drain
    drv.get("data:text/html,<!DOCTYPE html><title>canary</title><img src='%s'>" % CANARY)
    drv.wait_for("the canary request to be logged", lambda: CANARY in offending(requested_urls(drv), None))
    log("canary: a remote request from a page is detected")


def check_console(drv, label):
    """Fails on errors in the page's console (script exceptions, failed loads), except the
    browser's own /favicon.ico probe: the page names no icon, so over HTTP the browser asks the
    server for one, which may answer 404."""
    severe = [
        e["message"]
        for e in drv.logs("browser")
        if e.get("level") == "SEVERE" and "/favicon.ico " not in e["message"]
    ]
    if severe:
        raise CheckFailed("%s logged errors: %s" % (label, " | ".join(severe)))


# ---- the viewer scenario ------------------------------------------------------------------


def panel_text(drv, shown=False):
    # textContent, not the rendered text: the style sheet upper-cases section headings.
    return drv.js(
        "return document.getElementById('panel')[arguments[0] ? 'innerText' : 'textContent']", shown
    )


def expect_panel(drv, what, needles):
    """Waits until the side panel holds every needle; fails showing the panel otherwise."""
    try:
        return drv.wait_for(
            what, lambda: (lambda t: t if all(n in t for n in needles) else None)(panel_text(drv))
        )
    except CheckFailed:
        raise CheckFailed(
            "%s: panel lacks %r; it shows:\n%s" % (what, needles, panel_text(drv, True))
        ) from None


# The id of the first node element whose label is `label`, via the page's own JSON.
NODE_ID = """
const data = JSON.parse(document.getElementById('graph-data').textContent);
const i = data.nodes.findIndex(n => n.label === arguments[0]);
return i < 0 ? null : 'n' + i;
"""

# Of the given node's edges with evidence, the ids of those whose drawn label is visible at its
# centre (not under a node), so that a real mouse click lands on the edge.
CLICKABLE_EDGES = """
const data = JSON.parse(document.getElementById('graph-data').textContent);
const node = data.nodes[Number(arguments[0].slice(1))];
const out = [];
for (const e of data.edges) {
  if (e.source !== node.id && e.target !== node.id) continue;
  if (!e.evidence.length) continue;
  const g = document.getElementById(e.id);
  if (!g) continue;
  const r = g.getBoundingClientRect();
  const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
  if (hit && g.contains(hit)) out.push([e.id, e.relation, e.evidence[0].sentence]);
}
return out;
"""


def run_viewer(drv, url, label, shots, own_origin, name, person, office, alliance, evidence):
    log("%s: %s" % (label, url))
    requested_urls(drv)  # drain anything earlier
    drv.get(url)
    drv.wait_for(
        "the viewer to load",
        lambda: drv.js("return document.readyState === 'complete' && !!document.getElementById('graph')"),
    )
    title = drv.js("return document.title")
    if not title.startswith("newsgraph"):
        raise CheckFailed("%s: unexpected title %r" % (label, title))
    counts = drv.js(
        "return [document.querySelectorAll('#graph .node').length, document.querySelectorAll('#graph .edge').length]"
    )
    log("%s: %r, %d nodes and %d edges drawn" % (label, title, counts[0], counts[1]))
    if counts[0] < 10 or counts[1] < 10:
        raise CheckFailed("%s: the drawing is nearly empty (%r)" % (label, counts))

    # Search: the person's node is marked as a match and the count is shown.
    node_id = drv.js(NODE_ID, person)
    if not node_id:
        raise CheckFailed("%s: no node labelled %r in the page's data" % (label, person))
    search = drv.find("#search")
    drv.type(search, name)
    matches = drv.wait_for("the match count", lambda: drv.text(drv.find("#matches")))
    log("%s: search %r -> %s" % (label, name, matches))
    if not matches[0].isdigit() or int(matches.split()[0]) < 1:
        raise CheckFailed("%s: search %r found nothing (%r)" % (label, name, matches))
    drv.wait_for(
        "the node to be marked as a match",
        lambda: drv.js("return document.getElementById(arguments[0]).classList.contains('match')", node_id),
    )

    # Enter selects the first match and centres on it.
    drv.type(search, ENTER)
    first = drv.wait_for(
        "Enter to select a match",
        lambda: drv.js(
            "return document.querySelector('#panel h2').textContent !== document.title && document.querySelector('#panel h2').textContent"
        ),
    )
    log("%s: Enter selected %r" % (label, first))

    # A real mouse click on the person's shape selects it: names, office, relations.
    shape = drv.find("#%s > :is(circle, ellipse, rect, polygon, path)" % node_id)
    drv.click(shape)
    expect_panel(drv, "%s: the node panel" % label, [person, "Offices", office, alliance])
    if not drv.js("return document.getElementById(arguments[0]).classList.contains('selected')", node_id):
        raise CheckFailed("%s: the clicked node is not marked as selected" % label)
    log("%s: node panel shows the office %r — %s" % (label, office, alliance))
    drv.screenshot(os.path.join(shots, "%s-node.png" % name_of(label)))

    # The panel's holdsPositionIn link opens the office edge: titles and evidence sentences.
    link = drv.wait_for(
        "a holdsPositionIn link in the panel",
        lambda: drv.js(
            "const a = Array.from(document.querySelectorAll('#panel a.go')).find(a => a.textContent === 'holdsPositionIn'); return a || null;"
        ),
    )
    drv.click(link[ELEMENT])
    expect_panel(drv, "%s: the office edge's panel" % label, ["Evidence", office] + evidence)
    n = drv.js("return document.querySelectorAll('#panel blockquote').length")
    log("%s: office edge panel shows %d evidence sentence(s)" % (label, n))
    drv.screenshot(os.path.join(shots, "%s-office-evidence.png" % name_of(label)))

    # A real mouse click on an edge in the drawing shows that edge's evidence.
    drv.click(drv.find("#fit"))
    edges = drv.js(CLICKABLE_EDGES, node_id)
    if not edges:
        raise CheckFailed("%s: none of %s's edges can be clicked in the drawing" % (label, person))
    edge_id, relation, sentence = edges[0]
    drv.click(drv.find("#%s" % edge_id))
    expect_panel(drv, "%s: the clicked edge's panel" % label, [relation, "Evidence", sentence.strip()[:60]])
    if not drv.js("return document.getElementById(arguments[0]).classList.contains('selected')", edge_id):
        raise CheckFailed("%s: the clicked edge is not marked as selected" % label)
    log("%s: clicked edge %s (%s) shows its evidence" % (label, edge_id, relation))
    drv.screenshot(os.path.join(shots, "%s-edge.png" % name_of(label)))

    check_network(drv, label, own_origin)
    check_console(drv, label)


def name_of(label):
    return label.split()[0]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--html", required=True, help="the page written by `newsgraph export --format html`")
    ap.add_argument("--url", help="the served viewer, e.g. http://127.0.0.1:PORT/")
    ap.add_argument("--screenshot", required=True, metavar="DIR", help="where the PNGs go")
    ap.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    ap.add_argument("--chromedriver", default=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    ap.add_argument("--search", default="Stoltenberg")
    ap.add_argument("--person", default="Jens Stoltenberg")
    ap.add_argument("--office", default="Secretary General")
    ap.add_argument("--alliance", default="NATO")
    ap.add_argument(
        "--evidence",
        action="append",
        help="a text the office edge's evidence must hold (repeatable)",
    )
    ap.add_argument("--time-limit", type=float, default=90, help="seconds for the whole run")
    a = ap.parse_args()

    # The whole run is bounded: on expiry the current step fails and `finally` below still
    # ends the driver and the browser.
    def expired(_sig, _frame):
        raise CheckFailed("the run took longer than %.0f s" % a.time_limit)

    signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, a.time_limit)
    # cargo's test timeout or a user's Ctrl-C: fail the same way, and clean up.
    signal.signal(signal.SIGTERM, expired)
    evidence = a.evidence or [
        "Katibu Mkuu wa NATO Jens Stoltenberg",
        "NATO Secretary General Jens Stoltenberg",
    ]
    os.makedirs(a.screenshot, exist_ok=True)
    started = time.monotonic()
    profile = tempfile.mkdtemp(prefix="newsgraph-chromium-")
    drv = None
    try:
        try:
            drv = WebDriver(a.chromedriver, a.chromium, profile)
        except BrowserError as e:
            log("cannot run the browser: %s" % e)
            try:
                with open(os.path.join(profile, "chromedriver.log")) as f:
                    sys.stdout.write(f.read()[-3000:])
            except OSError:
                pass
            return 2
        common = dict(name=a.search, person=a.person, office=a.office, alliance=a.alliance, evidence=evidence)
        file_url = "file://" + urllib.parse.quote(os.path.abspath(a.html))
        run_viewer(drv, file_url, "export (file:)", a.screenshot, None, **common)
        if a.url:
            parts = urllib.parse.urlsplit(a.url)
            origin = "%s://%s" % (parts.scheme, parts.netloc)
            run_viewer(drv, a.url, "serve (%s)" % origin, a.screenshot, origin, **common)
        canary(drv)
        log("all checks passed in %.1f s" % (time.monotonic() - started))
        return 0
    except (CheckFailed, BrowserError) as e:
        log("FAILED: %s" % e)
        if drv and drv.session:
            try:
                drv.screenshot(os.path.join(a.screenshot, "failure.png"))
            except Exception:  # noqa: BLE001 - the failure above is what matters
                pass
        return 1
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        if drv:
            drv.close()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
