"""The council report (``kommunbudget report``, :mod:`kommunbudget.report.council`): one self-contained HTML page.

Without a browser: the page parses (html.parser), references nothing outside itself (no http:// or https:// in any
src or href), escapes a scenario's name, and its answer table shows the library's tax need formatted the Swedish way.

In headless Chromium (Debian's ``chromium``; ``make test`` installs it: scripts/setup.sh test-apt): the page written
by the command line is opened with a probe script added to a test copy (the report itself runs no script) that, after
``load``, records the document's title and whether every image decoded (``complete && naturalWidth > 0``) in
attributes of ``<body>``; ``--dump-dom`` prints the DOM, which is parsed. Skipped only when chromium is missing and
the environment variable CI is unset.
"""
from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import time
from html.parser import HTMLParser
from importlib import resources

import pytest
from babel.numbers import format_decimal
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service

from kommunbudget.cli.main import main
from kommunbudget.report.council import council_report, number
from kommunbudget.scenarios.result import run as run_scenario

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

#: Inserted before </body> of the test copy: after load, the title and the images' state as attributes of <body>.
PROBE = """<script>
window.addEventListener("load", function () {
  var images = Array.prototype.slice.call(document.images);
  document.body.setAttribute("data-probe-title", document.title);
  document.body.setAttribute("data-probe-images", String(images.length));
  document.body.setAttribute("data-probe-loaded",
    String(images.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length));
});
</script>
"""


class _Page(HTMLParser):
    """Collects the title, the text of every table cell (by table id), the src/href values and body's attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.cells: dict[str, list[list[str]]] = {}
        self.links: list[str] = []
        self.body: dict[str, str] = {}
        self.images = 0
        self._in_title = False
        self._table: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.links += [v for k, v in attrs if k in ("src", "href") and v is not None]
        if tag == "title":
            self._in_title = True
        elif tag == "body":
            self.body = {k: v or "" for k, v in attrs}
        elif tag == "img":
            self.images += 1
        elif tag == "table":
            self._table.append(a.get("id", ""))
            self.cells.setdefault(self._table[-1], [])
        elif tag == "tr" and self._table:
            self.cells[self._table[-1]].append([])
        elif tag in ("td", "th") and self._table:
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "table" and self._table:
            self._table.pop()
        elif tag in ("td", "th") and self._cell is not None and self._table:
            self.cells[self._table[-1]][-1].append("".join(self._cell).strip())
            self._cell = None

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._cell is not None:
            self._cell.append(data)


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


@pytest.fixture(scope="module")
def result():
    return run_scenario("sjobo_before_tax_rise")


@pytest.fixture(scope="module")
def html(result) -> str:
    return council_report(result)


def _expected_title(result) -> str:
    """The Swedish title, written out: "Budgetunderlag: <name> (<code>), scenario ”<scenario name>”"."""
    return f"Budgetunderlag: Sjöbo (1265), scenario ”{result.scenario.name}”"


def _with_measures_ore(result) -> str:
    """The tax need with the measures in öre as the library gives it, formatted the Swedish way by babel here."""
    ore = float(result.tax_needed().loc["with measures", "change_ore"])
    return format_decimal(ore, format="#,##0.0", locale="sv_SE")


def test_page_parses_and_holds_the_answer(result, html):
    assert html.startswith("<!DOCTYPE html>")
    page = _parse(html)
    assert page.title == _expected_title(result)
    expected = _with_measures_ore(result)
    assert "," in expected  # a decimal comma: the Swedish form
    rows = page.cells["tax-needed"]
    assert ["med åtgärder", expected] == rows[2][:2]  # header row, without, with
    assert page.images == 3  # result vs target, waterfall, tax need
    # each of the 19 checklist questions has its row (plus the header row)
    assert len(page.cells["checklist-table"]) == 20


def test_no_external_urls(html):
    page = _parse(html)
    assert page.links, "the charts' data URIs are src values"
    for link in page.links:
        assert not link.lower().startswith(("http://", "https://", "//")), link[:80]
        assert link.startswith("data:image/png;base64,"), link[:80]
    assert "<script" not in html.lower()


def test_scenario_name_is_escaped(result):
    hostile = dataclasses.replace(result, scenario=dataclasses.replace(result.scenario,
                                                                       name='<b id="x">Ö & co</b>'))
    text = council_report(hostile)
    assert '<b id="x">' not in text
    assert "&lt;b id=&#34;x&#34;&gt;Ö &amp; co&lt;/b&gt;" in text
    assert _parse(text).title.endswith('”<b id="x">Ö & co</b>”')


def test_number_is_babels_swedish_form():
    # 1 656,25 to one decimal: babel rounds half to even, "1 656,2", a no-break space between the thousands
    assert number(1656.25) == "1\u00a0656,2"
    assert number(-0.04) == "0,0"
    assert number(2.5, signed=True) == "+2,5"
    assert number(1656.25, 1, "en") == "1,656.2"
    with pytest.raises(ValueError, match="language"):
        number(1.0, language="de")


def test_english_page(result):
    page = _parse(council_report(result, language="en"))
    assert page.title == f"Budget report: Sjöbo (1265), scenario “{result.scenario.name}”"
    ore = float(result.tax_needed().loc["with measures", "change_ore"])
    assert page.cells["tax-needed"][2][:2] == ["with measures", format_decimal(ore, format="#,##0.0", locale="en_GB")]


def test_command_refuses_to_overwrite_its_input(tmp_path, capsys):
    scenario = tmp_path / "s.toml"
    packaged = resources.files("kommunbudget") / "data" / "files" / "scenarios" / "sjobo_before_tax_rise.toml"
    scenario.write_bytes(packaged.read_bytes())
    assert main(["report", str(scenario), "--out", str(scenario)]) == 2
    assert "never overwritten" in capsys.readouterr().err


@pytest.mark.skipif(CHROMIUM is None and not os.environ.get("CI"),
                    reason="chromium is not installed (and CI is unset); `make test` installs it: "
                           "scripts/setup.sh test-apt")
def test_report_in_headless_chromium(result, tmp_path):
    assert CHROMIUM is not None, "chromium is not installed, but CI is set: scripts/setup.sh test-apt installs it"
    out = tmp_path / "report.html"
    assert main(["report", "sjobo_before_tax_rise", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    probe = tmp_path / "probe.html"
    probe.write_text(text.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                           f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000", "--dump-dom",
                           probe.as_uri()], capture_output=True, text=True, encoding="utf-8", timeout=120,
                          check=False)
    seconds = time.perf_counter() - started
    assert done.returncode == 0, done.stderr[-2000:]
    dom = _parse(done.stdout)
    assert dom.body.get("data-probe-title") == _expected_title(result), (seconds, done.stderr[-2000:])
    assert dom.body.get("data-probe-images") == "3"
    assert dom.body.get("data-probe-loaded") == "3"
    assert dom.cells["tax-needed"][2][:2] == ["med åtgärder", _with_measures_ore(result)]


def test_approximate_baseline_is_warned_at_the_top(result, html):
    assert 'id="approximate"' not in html  # Sjöbo's baseline is its adopted budget
    approximate = dataclasses.replace(result, municipality=dataclasses.replace(result.municipality, approximate=True))
    text = council_report(approximate)
    assert text.index('id="approximate"') < text.index("<h1>")
    assert "UNGEFÄRLIGT UTGÅNGSLÄGE" in text


CHROMEDRIVER = shutil.which("chromedriver")


@pytest.mark.skipif((CHROMIUM is None or CHROMEDRIVER is None) and not os.environ.get("CI"),
                    reason="chromium or chromedriver is not installed (and CI is unset); `make test` installs them: "
                           "scripts/setup.sh test-apt")
def test_no_table_is_wider_than_the_page_in_chromium(html, tmp_path):
    """Laid out by Chromium at 1280 px, every table of the Swedish report fits the page's text column (a long source
    text or a list of cost lines wraps; before, the base year's sources were 2 486 px wide)."""
    assert CHROMIUM is not None and CHROMEDRIVER is not None, "CI is set: scripts/setup.sh test-apt installs them"
    page = tmp_path / "rapport.html"
    page.write_text(html, encoding="utf-8")
    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1280,2000",
                 f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    try:
        driver.get(page.as_uri())
        body, widths = driver.execute_script(
            "return [document.body.clientWidth, Array.from(document.querySelectorAll('table'))"
            ".map(t => [t.id, t.scrollWidth])]")
    finally:
        driver.quit()
    assert len(widths) >= 6
    wide = [(ident, width) for ident, width in widths if width > body]
    assert not wide, (body, wide)
