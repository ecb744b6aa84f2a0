#!/usr/bin/env python3
"""Drives the search page of `fundstelle serve` in headless Chromium.

Starts the server on an index (by default one it builds of Corpus/), opens the page, moves
through it with the keyboard, submits a query, checks the hits, facets and paging in the
DOM, and saves a screenshot.

Needs Debian's chromium and chromium-driver and selenium from PyPI:
    apt-get install -y chromium chromium-driver && pip install selenium
Usage (from the repository root, after `swift build`):
    python3 Tests/Server/search-page.py [--binary .build/debug/fundstelle] [--index DIR]
        [--query "Hilfe zum Lebensunterhalt"] [--screenshot /tmp/fundstelle-search-page.png]
Exit code 0 when every check holds; each failed check is printed.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

failures = []


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        failures.append(what)


def wait_for(url, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                if r.status == 200:
                    return True
        except OSError:
            time.sleep(0.1)
    return False


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--binary", default=".build/debug/fundstelle")
    ap.add_argument("--index", help="an index to serve (default: one built of Corpus/ in a temporary folder)")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--query", default="Hilfe zum Lebensunterhalt")
    ap.add_argument("--screenshot", default=os.path.join(tempfile.gettempdir(), "fundstelle-search-page.png"))
    args = ap.parse_args()

    scratch = tempfile.mkdtemp(prefix="fundstelle-page-")
    index = args.index
    if index is None:
        index = os.path.join(scratch, "index")
        subprocess.run([args.binary, "index", "Corpus", "--index", index], check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen([args.binary, "serve", "--index", index, "--port", str(args.port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{args.port}"
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,1400", "--lang=de"]:
        options.add_argument(flag)
    driver = None
    try:
        if not wait_for(base + "/health"):
            check(False, "the server answers /health")
            return
        driver = webdriver.Chrome(service=Service(shutil.which("chromedriver") or "/usr/bin/chromedriver"), options=options)
        wait = WebDriverWait(driver, 10)

        driver.get(base + "/")
        check(driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "de", "the page says it is German")
        label = driver.find_element(By.CSS_SELECTOR, "label[for=q]")
        check(label.text.strip() != "", "the search field has a label")
        for landmark in ["header", "main", "footer", "form[role=search]"]:
            check(len(driver.find_elements(By.CSS_SELECTOR, landmark)) == 1, f"one {landmark} landmark")
        # The keyboard reaches the skip link first, then the search field.
        driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
        check("skip" in (driver.switch_to.active_element.get_attribute("class") or ""), "Tab reaches the skip link first")

        field = driver.find_element(By.ID, "q")
        field.clear()
        field.send_keys(args.query)
        field.send_keys(Keys.ENTER)  # submits the form, as a person would
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "ol.hits li")))
        hits = driver.find_elements(By.CSS_SELECTOR, "ol.hits li.hit")
        check(len(hits) == 10, f"a full page of hits for '{args.query}' ({len(hits)})")
        titles = [h.find_element(By.CSS_SELECTOR, "h2 a").text for h in hits]
        print("      first hits:", titles[:3])
        check(all(t.strip() for t in titles), "every hit has a title link")
        marks = driver.find_elements(By.CSS_SELECTOR, "ol.hits mark")
        check(len(marks) >= len(hits), f"query words are highlighted ({len(marks)} marks)")
        status = driver.find_element(By.CSS_SELECTOR, "[role=status]").text
        check("Treffer" in status, f"the count is announced: {status!r}")
        check(driver.find_element(By.ID, "q").get_attribute("value") == args.query, "the field keeps the query")
        driver.save_screenshot(args.screenshot)
        print("      screenshot:", args.screenshot)

        # Paging: "Weiter" leads to the next ten, numbered on.
        driver.find_element(By.CSS_SELECTOR, "a[rel=next]").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "ol.hits[start='11']")))
        second = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "ol.hits li.hit h2 a")]
        check(second and not set(second) & set(titles), "page 2 shows other hits")
        driver.find_element(By.CSS_SELECTOR, "a[rel=prev]").click()
        wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "ol.hits[start='1']")))

        # A facet narrows the hits to its count, and can be lifted again.
        links = driver.find_elements(By.CSS_SELECTOR, "nav.facets li a")
        counts = [int(link.find_element(By.XPATH, "..").text.rsplit("(", 1)[1].rstrip(")").replace(".", "")) for link in links]
        total = int(status.split()[0].replace(".", ""))
        narrower = [(c, link) for c, link in zip(counts, links) if c < total]
        check(bool(narrower), "some facet value covers fewer than all hits")
        if narrower:
            count, link = min(narrower, key=lambda pair: pair[0])
            link.click()
            wait.until(EC.presence_of_element_located((By.XPATH, "//h2[text()='Eingegrenzt auf']")))
            check("filter=" in driver.current_url, "a facet link adds a filter to the URL")
            narrowed = driver.find_element(By.CSS_SELECTOR, "[role=status]").text
            check(int(narrowed.split()[0].replace(".", "")) == count, f"the facet narrows {total} hits to its {count}: {narrowed!r}")
            driver.find_element(By.CSS_SELECTOR, "nav.facets a[aria-label^='Eingrenzung']").click()
            wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "ol.hits li")))
            check(driver.find_element(By.CSS_SELECTOR, "[role=status]").text.split()[0] == status.split()[0], "lifting the filter brings all hits back")

        # A misspelt word gets a "Meinten Sie" link that finds hits.
        driver.get(base + "/?q=Lebensunterhald")
        suggestion = driver.find_elements(By.CSS_SELECTOR, ".suggestion a")
        check(len(suggestion) == 1, "a misspelling gets 'Meinten Sie'")
        if suggestion:
            suggestion[0].click()
            wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "ol.hits li")))
            check(len(driver.find_elements(By.CSS_SELECTOR, "ol.hits li.hit")) > 0, "the suggestion finds hits")
    finally:
        if driver:
            driver.quit()
        server.terminate()
        try:
            server.wait(timeout=10)
            check(server.returncode == 0, f"the server stops cleanly on SIGTERM (exit {server.returncode})")
        except subprocess.TimeoutExpired:
            server.kill()
            check(False, "the server stops within 10 s of SIGTERM")
        shutil.rmtree(scratch, ignore_errors=True)
    print(f"{len(failures)} check(s) failed" if failures else "all checks passed")


if __name__ == "__main__":
    main()
    sys.exit(1 if failures else 0)
