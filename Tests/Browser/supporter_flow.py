"""The supporter's way through `cartable serve`, in headless Chromium driven by Selenium, with and without
JavaScript, with axe-core on every page visited, and once by keyboard alone. Run by supporter-flow.sh, which
installs what this needs and passes CARTABLE (the binary) and AXE_JS (axe-core's axe.min.js).

A test campaign is written into a temporary folder with its recipient list; `cartable serve` runs on loopback with
`--port 0` and sends "through the campaign's account" with the webhook sender to a receiver in this process.
Exit status 0 only when every check passed; the last line is `supporter-flow: N/N checks passed`.
"""

import http.server
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CARTABLE = os.environ.get("CARTABLE", os.path.join(ROOT, ".build", "debug", "cartable"))
AXE_JS = os.environ.get("AXE_JS", os.path.join(ROOT, ".build", "axe", "axe.min.js"))
SCREENSHOTS = os.path.join(ROOT, ".build", "browser-screenshots")
WIDTHS = (375, 1280)

CAMPAIGN = """\
# The browser test's campaign (written by Tests/Browser/supporter_flow.py).
id: browser-test
title: Écrire à son député
organiser: Cartable
language: fr
link: https://example.org/cartable
channel: twitter
profile: twitter
recipients: deputies.csv
targets:
  all: true
templates:
  - id: cartable
    text: "Pour votre cartable de rentrée, nos propositions : {{link}}"
  - id: rentree
    text: "À la rentrée, {{name}}, pensez à l'économie sociale : {{link}}"
  - id: livre
    text: "Un livre blanc pour votre cartable, député·e de {{department_name}} : {{link}}"
sending:
  per_recipient: {per_hour: 50, per_day: 50}
  hours: {from: "00:00", to: "24:00", time_zone: UTC}
web: {intro: "Écrivez à votre député.", send_through_campaign: true}
"""

DEPUTIES = """\
id,name,group,department,constituency,twitter,mastodon
W1,Jérôme Guedj,SOC,91,6,JeromeGuedj,
W2,Marie Martin,SOC,93,1,mariemartin,
W3,Paul Martin,DR,93,2,paulmartin,
"""

# The organiser's token for the dashboard (CARTABLE_ADMIN_TOKEN of the server).
ADMIN_TOKEN = "browser-admin-token-%d" % os.getpid()

# Over 280 for any X profile: 60 words of 5 characters and a space.
TOO_LONG = " ".join(["trop"] * 30 + ["long"] * 30)
FIXED = "Jérôme Guedj, lisez nos propositions pour le budget : https://example.org/cartable"


class Checks:
    """Counts the checks; prints each failure clearly as it happens."""

    def __init__(self):
        self.passed = 0
        self.failed = []

    def check(self, condition, what, detail=""):
        if condition:
            self.passed += 1
            print("  ok   %s" % what)
        else:
            self.failed.append(what)
            print("  FAIL %s%s" % (what, (": " + detail) if detail else ""))
        return condition

    @property
    def total(self):
        return self.passed + len(self.failed)


checks = Checks()


class Receiver:
    """A loopback webhook receiver: counts the requests and keeps their bodies."""

    def __init__(self):
        self.bodies = []
        self.lock = threading.Lock()
        # The status answered: 200, or 400 (a permanent failure: the message goes dead) for the dashboard's retry.
        self.status = 200
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                with receiver.lock:
                    receiver.bodies.append(body)
                answer = b'{"ok": true}'
                self.send_response(receiver.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/hook/browser-test-secret" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def texts(self):
        with self.lock:
            result = []
            for body in self.bodies:
                try:
                    result.append(json.loads(body).get("text"))
                except ValueError:
                    result.append(None)
            return result

    def wait_for(self, count, seconds=20):
        deadline = time.time() + seconds
        while time.time() < deadline:
            if len(self.texts()) >= count:
                break
            time.sleep(0.1)
        time.sleep(0.5)  # a second request, if there is one, has had time to come
        return self.texts()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Server:
    """`cartable serve` on loopback, --port 0, the port read from its `listening on` line."""

    def __init__(self, folder, receiver):
        self.log_path = os.path.join(folder, "serve.log")
        self.log = open(self.log_path, "w")
        environment = dict(os.environ, CARTABLE_WEBHOOK_URL=receiver.url, CARTABLE_ADMIN_TOKEN=ADMIN_TOKEN)
        self.outbox = os.path.join(folder, "outbox.sqlite")
        self.process = subprocess.Popen(
            [CARTABLE, "serve", os.path.join(folder, "campaign.yml"), "--host", "127.0.0.1", "--port", "0",
             "--outbox", os.path.join(folder, "outbox.sqlite"), "--via", "webhook"],
            stdout=subprocess.PIPE, stderr=self.log, env=environment, text=True)
        self.base = None
        found = []

        def read():
            for line in self.process.stdout:
                match = re.search(r"listening on (http://\S+)", line)
                if match and not found:
                    found.append(match.group(1).rstrip("/"))
            # keeps reading until the process ends, so its stdout never fills

        threading.Thread(target=read, daemon=True).start()
        deadline = time.time() + 120
        while time.time() < deadline and not found and self.process.poll() is None:
            time.sleep(0.1)
        if found:
            self.base = found[0]

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()
        return self.process.returncode


def browser(javascript=True, language="fr-FR,fr"):
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--no-first-run", "--window-size=1280,900"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": language})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver")
    driver = webdriver.Chrome(options=options, service=service)
    if not javascript:
        # JavaScript off for the pages, as DevTools' "Disable JavaScript" does (it holds across navigations). Not
        # the content-settings preference: that also stops the timers axe-core needs, and axe is switched on only
        # for the moment it runs (Visit.axe_check), after the page loaded without its script.
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    driver.set_page_load_timeout(60)
    driver.set_script_timeout(60)
    return driver


class Visit:
    """One browser session: what it checks on every page it shows."""

    def __init__(self, driver, name, javascript):
        self.driver = driver
        self.name = name
        self.javascript = javascript
        self.axe = open(AXE_JS, encoding="utf-8").read()
        self.console = []

    def el(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def maybe(self, selector):
        found = self.driver.find_elements(By.CSS_SELECTOR, selector)
        return found[0] if found else None

    def text_of(self, selector):
        element = self.maybe(selector)
        return element.get_attribute("textContent") if element else None

    def wait(self, condition, seconds=15):
        deadline = time.time() + seconds
        while time.time() < deadline:
            try:
                if condition():
                    return True
            except (WebDriverException, TypeError, AttributeError):
                pass
            time.sleep(0.1)
        return False

    def collect_console(self):
        try:
            entries = self.driver.get_log("browser")
        except WebDriverException:
            entries = []
        self.console.extend(entry for entry in entries if entry.get("level") in ("SEVERE", "ERROR"))

    def page(self, label):
        """Checks the page now shown: axe-core, labels, screenshots at both widths, its console."""
        step = "%s/%s" % (self.name, label)
        self.axe_check(step)
        self.labels_check(step)
        headings = len(self.driver.find_elements(By.TAG_NAME, "h1"))
        checks.check(headings == 1, "%s: one h1" % step, "%d h1" % headings)
        self.screenshots(step)
        self.collect_console()

    def axe_check(self, step):
        """axe-core on the page shown: fails on any serious or critical violation; prints every violation."""
        error, violations = self.axe_violations()
        if error:
            checks.check(False, "%s: axe-core ran" % step, error)
            return
        for violation in violations:
            print("       axe %s [%s] %s — %s" % (step, violation["impact"], violation["id"], violation["help"]))
            for node in violation["nodes"][:5]:
                print("           %s  %s" % (" ".join(map(str, node["target"])), node["html"][:160]))
                if node.get("summary"):
                    print("           %s" % node["summary"].replace("\n", " ")[:300])
        grave = [v for v in violations if v["impact"] in ("serious", "critical")]
        checks.check(not grave, "%s: no serious or critical axe violation" % step,
                     ", ".join("%s (%s)" % (v["id"], v["impact"]) for v in grave))

    def axe_violations(self):
        """Injects axe.min.js with execute_script and runs it: (error, violations). Without JavaScript, scripts are
        switched on only for this (the page has loaded without its own script by then)."""
        if not self.javascript:
            self.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
        try:
            self.driver.execute_script(self.axe)
            results = self.driver.execute_async_script(
                "var done = arguments[arguments.length - 1];"
                "axe.run(document, {resultTypes: ['violations']})"
                ".then(function (r) { done({violations: r.violations.map(function (v) { return {id: v.id,"
                " impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) { return {target: n.target,"
                " html: n.html, summary: n.failureSummary}; })}; })}); })"
                ".catch(function (e) { done({error: String(e)}); });")
        except WebDriverException as error:
            return str(error).splitlines()[0], []
        finally:
            if not self.javascript:
                self.driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
        return results.get("error"), results.get("violations", [])

    def labels_check(self, step):
        unlabelled = []
        for field in self.driver.find_elements(By.CSS_SELECTOR, "input, textarea, select"):
            kind = (field.get_attribute("type") or "").lower()
            if kind in ("hidden", "submit", "button", "reset", "image"):
                continue
            identifier = field.get_attribute("id")
            labelled = bool(field.get_attribute("aria-label") or field.get_attribute("aria-labelledby"))
            if identifier and self.driver.find_elements(By.CSS_SELECTOR, 'label[for="%s"]' % identifier):
                labelled = True
            if field.find_elements(By.XPATH, "ancestor::label"):
                labelled = True
            if not labelled:
                unlabelled.append(field.get_attribute("outerHTML")[:120])
        checks.check(not unlabelled, "%s: every input has a label" % step, "; ".join(unlabelled))

    def screenshots(self, step):
        os.makedirs(SCREENSHOTS, exist_ok=True)
        for width in WIDTHS:
            # The whole page: first the width, then as tall as what it lays out at that width.
            for height in (900, None):
                if height is None:
                    height = min(max(self.driver.execute_script("return document.documentElement.scrollHeight;"),
                                     900), 6000)
                self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                            {"width": width, "height": height, "deviceScaleFactor": 1,
                                             "mobile": width < 600})
                time.sleep(0.2)
            path = os.path.join(SCREENSHOTS, "%s-%d.png" % (step.replace("/", "-"), width))
            saved = self.driver.save_screenshot(path)
            if width < 600:
                small = self.driver.execute_script(
                    "return Array.from(document.querySelectorAll('button, a.button, ul.deputies a, summary'))"
                    ".filter(function (e) { return e.offsetParent !== null; })"
                    ".filter(function (e) { return e.getBoundingClientRect().height < 44; })"
                    ".map(function (e) { return e.outerHTML.slice(0, 100) + ' ' +"
                    " Math.round(e.getBoundingClientRect().height) + 'px'; });")
                checks.check(not small, "%s: buttons and deputy links at least 44 px tall at %d px" % (step, width),
                             "; ".join(small))
            overflow = self.driver.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
            checks.check(saved and os.path.getsize(path) > 2000 and overflow <= 0,
                         "%s: screenshot at %d px, no sideways scrolling" % (step, width),
                         "overflow %s px" % overflow if overflow > 0 else "no screenshot")
        self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    def satchel_count(self, base):
        self.driver.get(base + "/c/browser-test/")
        text = self.text_of("p.satchel") or ""
        match = re.search(r"\d+", text)
        return int(match.group(0)) if match else None

    def intent_text(self):
        link = self.maybe("#intent")
        href = link.get_attribute("href") if link else None
        if not href:
            return None
        query = urllib.parse.parse_qs(urllib.parse.urlparse(href).query)
        return query.get("text", [None])[0]

    def count(self):
        return (self.text_of("#count") or "").strip()

    def type_into(self, selector, text):
        field = self.el(selector)
        field.clear()
        field.send_keys(text)
        return field

    def submit_edit(self):
        self.driver.find_element(By.XPATH, "//textarea[@id='text']/ancestor::form//button[@type='submit']").click()

    def finish(self):
        self.collect_console()
        messages = sorted(set(re.sub(r"https?://127\.0\.0\.1:\d+", "", e.get("message", "")) for e in self.console))
        checks.check(not messages, "%s: no console errors" % self.name, " | ".join(messages))


def flow(visit, base, receiver):
    """The supporter's way: find, pick, read, another wording, edit over and under the limit, the X link, send."""
    driver, js = visit.driver, visit.javascript
    before = visit.satchel_count(base)
    checks.check(before is not None, "%s: the campaign page shows the satchel" % visit.name)
    visit.page("campaign")

    # Find: type `guedj` in the finder; with the script the list comes as one types, without it the form.
    visit.type_into("#q", "guedj")
    if js:
        appeared = visit.wait(lambda: "Jérôme Guedj" in (visit.text_of("#live-results") or ""))
        checks.check(appeared, "%s: search as you type lists Jérôme Guedj" % visit.name)
        visit.page("live-results")
        driver.find_element(By.CSS_SELECTOR, "#live-results").find_element(By.LINK_TEXT, "Jérôme Guedj").click()
    else:
        time.sleep(1.5)
        checks.check(not (visit.text_of("#live-results") or "").strip(),
                     "%s: the script is really off (no results as one types)" % visit.name)
        visit.el("#q").send_keys(Keys.ENTER)
        visit.wait(lambda: "/find" in driver.current_url)
        checks.check(bool(driver.find_elements(By.LINK_TEXT, "Jérôme Guedj")),
                     "%s: the finder's form lists Jérôme Guedj" % visit.name)
        visit.page("results")
        driver.find_element(By.CSS_SELECTOR, "ul.deputies").find_element(By.LINK_TEXT, "Jérôme Guedj").click()

    # The deputy page: the message and its counter.
    visit.wait(lambda: "/d/" in driver.current_url and visit.maybe("#count"))
    checks.check((visit.text_of("h1") or "").strip() == "Jérôme Guedj", "%s: Jérôme Guedj's page" % visit.name)
    count = visit.count()
    checks.check(re.fullmatch(r"[1-9]\d*/280", count) is not None and int(count.split("/")[0]) <= 280,
                 "%s: the counter shows n/280" % visit.name, repr(count))
    first = visit.text_of("#message-text")
    checks.check(visit.intent_text() == first, "%s: the X link decodes to the text shown" % visit.name)
    visit.page("deputy")

    # Another wording.
    visit.el("#another").click()
    visit.wait(lambda: visit.text_of("#message-text") != first)
    second = visit.text_of("#message-text")
    checks.check(second and second != first, "%s: another wording changes the text" % visit.name,
                 "%r then %r" % (first, second))
    checks.check(re.fullmatch(r"\d+/280", visit.count()) is not None, "%s: the counter shows n/280 again" % visit.name)
    wording_url = driver.current_url
    second_count = visit.count()

    # Edit over the limit: no posting, the excess said.
    driver.find_element(By.CSS_SELECTOR, "details.edit summary").click()
    visit.type_into("#text", TOO_LONG)
    if not js:
        time.sleep(1.5)
        checks.check(visit.count() == second_count,
                     "%s: the script is really off (the counter waits for the form)" % visit.name, visit.count())
    if js:
        visit.wait(lambda: int(visit.count().split("/")[0]) > 280)
    else:
        visit.submit_edit()
        visit.wait(lambda: visit.maybe("#excess"))
    over = visit.count()
    weighted = int(over.split("/")[0]) if re.fullmatch(r"\d+/280", over) else None
    checks.check(weighted is not None and weighted > 280, "%s: an edit over the limit counts over 280" % visit.name, over)
    verdict = visit.text_of("#verdict") or ""
    excess = str(weighted - 280) if weighted else "?"
    checks.check(excess in verdict, "%s: the verdict says the excess (%s)" % (visit.name, excess), repr(verdict))
    intent = visit.maybe("#intent")
    cannot_post = intent is None or (not intent.get_attribute("href") and intent.get_attribute("aria-disabled") == "true")
    checks.check(cannot_post, "%s: over the limit, no link to post" % visit.name)
    send_form = visit.maybe("#send-form")
    checks.check(send_form is None or not send_form.is_displayed(),
                 "%s: an edit cannot be sent through the campaign" % visit.name)
    if js:
        live = visit.maybe("#live-count")
        announced = live.get_attribute("textContent") if live else ""
        checks.check(live is not None and live.get_attribute("aria-live") in ("polite", "assertive")
                     and str(weighted) in announced and "280" in announced,
                     "%s: the count is announced in an aria-live region" % visit.name, repr(announced))
    visit.page("over-limit")

    # Fixed.
    if not js and not visit.maybe("details.edit[open]"):
        driver.find_element(By.CSS_SELECTOR, "details.edit summary").click()
    visit.type_into("#text", FIXED)
    if js:
        visit.wait(lambda: int(visit.count().split("/")[0]) <= 280 and visit.intent_text())
    else:
        visit.submit_edit()
        visit.wait(lambda: not visit.maybe("#excess"))
    fixed = visit.count()
    checks.check(re.fullmatch(r"\d+/280", fixed) is not None and int(fixed.split("/")[0]) <= 280,
                 "%s: fixed, the counter is under the limit" % visit.name, fixed)
    shown = visit.text_of("#message-text")
    checks.check(shown == FIXED, "%s: the edited text is shown" % visit.name, repr(shown))
    label = visit.text_of("#message-origin") or ""
    checks.check(label.strip("()") in ("your text", "votre texte"),
                 "%s: the heading says the text is the supporter's, not a wording of the campaign" % visit.name, repr(label))
    checks.check(visit.intent_text() == shown, "%s: the X link decodes to exactly the edited text" % visit.name,
                 repr(visit.intent_text()))
    visit.page("fixed")

    # Back to the campaign's wording, sent through the campaign's account.
    driver.get(wording_url)
    visit.wait(lambda: visit.maybe("#send-form"))
    shown = visit.text_of("#message-text")
    checks.check(visit.intent_text() == shown, "%s: the X link decodes to exactly the wording shown" % visit.name)
    sent_before = len(receiver.texts())
    visit.el("#send-form button").click()
    visit.wait(lambda: "/thanks" in driver.current_url)
    texts = receiver.wait_for(sent_before + 1)
    checks.check(texts[sent_before:] == [shown], "%s: the receiver got the text shown, once" % visit.name,
                 repr(texts[sent_before:]))
    checks.check("/thanks" in driver.current_url and (visit.text_of("#status") or "").strip(),
                 "%s: the thanks page says what became of the message" % visit.name, driver.current_url)
    visit.page("thanks")

    after = visit.satchel_count(base)
    checks.check(before is not None and after == before + 1, "%s: the satchel count went up by one" % visit.name,
                 "%s then %s" % (before, after))
    visit.page("campaign-after")
    # The satchel page, through its link on the campaign page.
    visit.el("p.satchel a").click()
    visit.wait(lambda: "/satchel" in driver.current_url)
    checks.check("Jérôme Guedj" in (visit.text_of("main") or ""), "%s: the satchel page lists Jérôme Guedj" % visit.name)
    visit.page("satchel")

    if js:
        # The other pages a supporter may land on: the list of campaigns, and the frame for an organiser's site.
        driver.get(base + "/")
        checks.check(bool(driver.find_elements(By.LINK_TEXT, "Écrire à son député")),
                     "%s: / lists the campaign" % visit.name)
        visit.page("campaigns")
        driver.get(base + "/c/browser-test/embed")
        checks.check(visit.maybe("#q") is not None and visit.maybe("header.site") is None,
                     "%s: the embed shows the finder without the page's chrome" % visit.name)
        visit.page("embed")


def axe_control(visit):
    """axe-core, injected as on every page, finds what it must on a page made wrong on purpose: a field without a
    label, an image without a text (so that a silent axe cannot pass the run)."""
    visit.driver.get("data:text/html;charset=utf-8,<!doctype html><html lang=en><title>control</title><main>"
                     "<input type=text><img src=x.png></main>")
    error, violations = visit.axe_violations()
    found = sorted(v["id"] for v in violations if v["impact"] in ("serious", "critical"))
    checks.check(not error and "label" in found and "image-alt" in found,
                 "axe-core finds the violations of a page made wrong on purpose (label, image-alt)",
                 error or ", ".join(found))
    visit.console.clear()
    try:
        visit.driver.get_log("browser")
    except WebDriverException:
        pass


def keyboard_flow(visit, base, receiver):
    """Find, pick and send by keyboard alone: Tab to move, typing, Enter to follow and submit."""
    driver = visit.driver

    def press(*keys):
        ActionChains(driver).send_keys(*keys).perform()

    def tab_to(matches, limit=60):
        for _ in range(limit):
            press(Keys.TAB)
            active = driver.switch_to.active_element
            if matches(active):
                style = driver.execute_script(
                    "var s = getComputedStyle(arguments[0]); return [s.outlineStyle, s.outlineWidth, s.boxShadow];",
                    active)
                visible = (style[0] != "none" and style[1] not in ("0px", "")) or style[2] not in ("none", "")
                checks.check(visible, "%s: the focus is visible on %s" % (visit.name, active.tag_name), repr(style))
                return active
        return None

    driver.get(base + "/c/browser-test/")
    skip = tab_to(lambda e: e.get_attribute("class") == "skip", limit=3)
    checks.check(skip is not None, "%s: the skip link comes first" % visit.name)
    field = tab_to(lambda e: e.get_attribute("id") == "q")
    checks.check(field is not None, "%s: Tab reaches the name field" % visit.name)
    press("guedj", Keys.ENTER)
    visit.wait(lambda: "/find" in driver.current_url)
    link = tab_to(lambda e: e.tag_name == "a" and e.text == "Jérôme Guedj")
    checks.check(link is not None, "%s: Tab reaches Jérôme Guedj in the results" % visit.name)
    press(Keys.ENTER)
    visit.wait(lambda: "/d/" in driver.current_url and visit.maybe("#send-form"))
    shown = visit.text_of("#message-text")
    button = tab_to(lambda e: e.tag_name == "button" and e.find_elements(By.XPATH, "ancestor::form[@id='send-form']"))
    checks.check(button is not None, "%s: Tab reaches the send button" % visit.name)
    sent_before = len(receiver.texts())
    press(Keys.ENTER)
    visit.wait(lambda: "/thanks" in driver.current_url)
    texts = receiver.wait_for(sent_before + 1)
    checks.check("/thanks" in driver.current_url and texts[sent_before:] == [shown],
                 "%s: sent by keyboard, the receiver got the text shown once" % visit.name, repr(texts[sent_before:]))
    visit.page("thanks")


def status_json(server):
    """`cartable status --format json` for the test campaign, on the server's outbox (read while it serves)."""
    output = subprocess.run([CARTABLE, "status", "--format", "json", "--campaign", "browser-test", "--outbox", server.outbox],
                            capture_output=True, text=True, timeout=60)
    return json.loads(output.stdout) if output.returncode == 0 else None


def supporter_send(base, deputy):
    """A send through the campaign made on the supporters' page as its form makes it: a new supporter (the page's
    cookie), the page's wording, posted from the page's origin."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    opener.open(base + "/c/browser-test/d/%s" % deputy, timeout=30).read()
    request = urllib.request.Request(base + "/c/browser-test/d/%s/send" % deputy, data=b"turn=0",
                                     headers={"Origin": base, "Content-Type": "application/x-www-form-urlencoded"})
    opener.open(request, timeout=30).read()


def dashboard_flow(visit, server, receiver):
    """The organiser's dashboard: log in; the figures are `cartable status --format json`'s; a send on the supporters'
    page shows up on the open page within 2 seconds without a reload; a dead message retried from the dashboard goes;
    paused, the sender holds the campaign's messages; resumed, they go."""
    driver, base = visit.driver, server.base

    def cell(state):
        text = visit.text_of('td[data-state="%s"]' % state)
        return int(text.replace("\u202f", "")) if text is not None else None

    driver.get(base + "/admin/c/browser-test")
    checks.check(visit.wait(lambda: visit.maybe("#token")), "dashboard: the page asks for the organiser's token first")
    visit.page("admin-login")
    visit.type_into("#token", ADMIN_TOKEN)
    visit.el("form.login button").click()
    checks.check(visit.wait(lambda: visit.maybe("#dashboard")), "dashboard: the token opens the dashboard", driver.current_url)
    visit.page("dashboard")

    status = status_json(server)
    checks.check(status is not None, "dashboard: cartable status --format json reads the same outbox")
    if status is None:
        return
    shown = {state: cell(state) for state in status["states"]}
    checks.check(shown == status["states"], "dashboard: the messages per state are status's", "%r vs %r" % (shown, status["states"]))
    total = visit.text_of("td[data-total]")
    checks.check(total == str(status["total"]), "dashboard: the total is status's", "%r vs %r" % (total, status["total"]))
    reached = visit.el("[data-reached]").get_attribute("data-reached")
    checks.check(reached == str(status["reached"]), "dashboard: the deputies reached are status's", "%r vs %r" % (reached, status["reached"]))
    supporters = visit.el("[data-supporters]").get_attribute("data-supporters")
    checks.check(supporters == str(status["day"]["supporters"]), "dashboard: today's supporters are status's",
                 "%r vs %r" % (supporters, status["day"]["supporters"]))
    sent_today = sum(minute["sent"] for minute in status["day"]["sentPerMinute"])
    checks.check(visit.el("[data-sent-today]").get_attribute("data-sent-today") == str(sent_today),
                 "dashboard: today's sends are status's")
    checks.check(visit.maybe("svg.sends path.bars") is not None, "dashboard: the sends per minute are drawn")

    # A send on the supporters' page appears on the open dashboard, without a reload, within 2 seconds.
    driver.execute_script("window.cartableNoReload = true;")
    before_total, before_sent = int(total), cell("sent")
    supporter_send(base, "W2")
    started = time.time()
    appeared = visit.wait(lambda: int(visit.text_of("td[data-total]")) == before_total + 1, seconds=2)
    elapsed = time.time() - started
    checks.check(appeared, "dashboard: a supporter's send appears within 2 s without reload (%.2f s)" % elapsed)
    checks.check(visit.wait(lambda: cell("sent") == before_sent + 1, seconds=20), "dashboard: and then shows it sent")
    checks.check(driver.execute_script("return window.cartableNoReload === true;"), "dashboard: the page was not reloaded")

    # A message that fails for good, retried from the dashboard.
    receiver.status = 400
    count = len(receiver.texts())
    supporter_send(base, "W3")
    checks.check(visit.wait(lambda: cell("dead") == 1, seconds=20), "dashboard: a permanent failure shows as dead, live")
    checks.check(visit.wait(lambda: "HTTP 400" in (visit.text_of("#live-errors") or ""), seconds=5) or
                 bool((visit.text_of("#live-errors li") or "").strip()),
                 "dashboard: the last errors say why", visit.text_of("#live-errors") or "")
    receiver.status = 200
    visit.el('#live-actions form[action$="/retry"] button').click()
    checks.check(visit.wait(lambda: "1 message(s) remis dans la file." in (visit.text_of("p.notice") or "")),
                 "dashboard: the retry is confirmed", visit.text_of("p.notice") or "")
    texts = receiver.wait_for(count + 2)
    checks.check(len(texts) == count + 2, "dashboard: the retried message reaches the receiver", "%d" % (len(texts) - count))
    checks.check(visit.wait(lambda: cell("dead") == 0 and cell("sent") == before_sent + 2, seconds=20),
                 "dashboard: the retried message shows sent")

    # Paused: the campaign's messages are held; resumed: they go.
    visit.el('#live-actions form[action$="/pause"] button').click()
    checks.check(visit.wait(lambda: visit.maybe("[data-paused]")), "dashboard: the pause is shown")
    visit.page("dashboard-paused")
    count = len(receiver.texts())
    supporter_send(base, "W1")
    time.sleep(3)
    held = status_json(server)
    checks.check(len(receiver.texts()) == count and held and held["states"]["queued"] == 1 and held["paused"],
                 "dashboard: paused, the sender holds the campaign's message", "%r" % (held and held["states"]))
    checks.check(visit.wait(lambda: cell("queued") == 1, seconds=5), "dashboard: the held message shows queued")
    visit.el('#live-actions form[action$="/resume"] button').click()
    checks.check(visit.wait(lambda: visit.maybe("[data-paused]") is None and visit.maybe('form[action$="/pause"]')),
                 "dashboard: the resume is shown")
    texts = receiver.wait_for(count + 1)
    checks.check(len(texts) == count + 1, "dashboard: resumed, the held message goes")
    checks.check(visit.wait(lambda: cell("queued") == 0, seconds=20), "dashboard: and the dashboard shows it gone")
    visit.el("form.logout button").click()
    checks.check(visit.wait(lambda: visit.maybe("#token")), "dashboard: logging out leads back to the login")


def main():
    if not os.access(CARTABLE, os.X_OK):
        print("supporter-flow: %s is missing; run make test (or swift build) first" % CARTABLE)
        return 2
    folder = tempfile.mkdtemp(prefix="cartable-browser-")
    with open(os.path.join(folder, "campaign.yml"), "w", encoding="utf-8") as file:
        file.write(CAMPAIGN)
    with open(os.path.join(folder, "deputies.csv"), "w", encoding="utf-8") as file:
        file.write(DEPUTIES)
    receiver = Receiver()
    server = Server(folder, receiver)
    try:
        if not checks.check(server.base is not None, "cartable serve prints `listening on http://HOST:PORT`"):
            print(open(server.log_path).read()[-2000:])
            return 1
        print("supporter-flow: %s, receiver %s" % (server.base, receiver.url.rsplit("/", 2)[0]))
        shutil.rmtree(SCREENSHOTS, ignore_errors=True)
        # The page in French (the campaign's language) with the script and by keyboard, in English without it.
        runs = (("js", True, "fr-FR,fr", flow), ("nojs", False, "en-GB,en", flow),
                ("keyboard", True, "fr-FR,fr", keyboard_flow))
        for name, javascript, language, run in runs:
            print("supporter-flow: the %s run (%s)" % (name, language.split(",")[0]))
            driver = browser(javascript, language)
            visit = Visit(driver, name, javascript)
            try:
                if name == "js":
                    axe_control(visit)
                run(visit, server.base, receiver)
            except (WebDriverException, NoSuchElementException) as error:
                checks.check(False, "%s: the flow went to its end" % name,
                             "%s at %s" % (str(error).splitlines()[0], driver.current_url))
                driver.save_screenshot(os.path.join(SCREENSHOTS, "%s-failure.png" % name))
            finally:
                visit.finish()
                driver.quit()
        checks.check(len(receiver.texts()) == 3, "the receiver got three messages in all",
                     "%d" % len(receiver.texts()))
        print("supporter-flow: the dashboard run (fr)")
        driver = browser(True, "fr-FR,fr")
        visit = Visit(driver, "dashboard", True)
        try:
            dashboard_flow(visit, server, receiver)
        except (WebDriverException, NoSuchElementException) as error:
            checks.check(False, "dashboard: the flow went to its end",
                         "%s at %s" % (str(error).splitlines()[0], driver.current_url))
            driver.save_screenshot(os.path.join(SCREENSHOTS, "dashboard-failure.png"))
        finally:
            visit.finish()
            driver.quit()
    finally:
        status = server.stop()
        receiver.close()
        log = open(server.log_path).read()
        shutil.rmtree(folder, ignore_errors=True)
    checks.check(status == 0, "cartable serve stops on SIGTERM with status 0", "status %s" % status)
    checks.check("browser-test-secret" not in log, "the webhook's secret path is in no log line")
    checks.check(ADMIN_TOKEN not in log, "the organiser's token is in no log line")
    for failure in checks.failed:
        print("supporter-flow: FAILED: %s" % failure)
    print("supporter-flow: %d/%d checks passed" % (checks.passed, checks.total))
    return 0 if not checks.failed else 1


if __name__ == "__main__":
    sys.exit(main())
