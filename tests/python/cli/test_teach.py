"""``kommunbudget teach``: the teaching notebook served with Voilà.

Without a browser: the notebook the command serves is the repository's ``notebooks/07_teaching.ipynb`` (the package's
copy, or the source tree's with a notice), the build installs that one file into the package (CMake's install rule,
configured and installed by component without compiling anything), a missing Voilà and a taken port are refused
with a message and no traceback, and the language variable is the panel's.

In headless Chromium (Debian's ``chromium`` with its ``chromedriver``; ``make test`` installs both:
scripts/setup.sh test-apt): the command is started as a subprocess on a free port, selenium loads the page and waits
for the panel's sliders, which exist only after Voilà's kernel ran the notebook and the widgets came over its
websocket; the tax slider is then moved with the keyboard and the income statement's tax rate row must show the
baseline's rate plus the öre the slider reads. Ctrl-C (SIGINT) ends the command with status 0, no traceback, and
the port closed. Skipped only when chromium or chromedriver is missing and the environment variable CI is unset.
"""
from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from babel.numbers import format_decimal
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from kommunbudget.cli import teach
from kommunbudget.report import teaching

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
#: The venv's cmake (scikit-build-core's, installed by scripts/setup.sh venv).
CMAKE = shutil.which("cmake", path=str(Path(sys.executable).parent))
#: Seconds allowed for the server to answer, and for the page's widgets to appear.
SERVER_SECONDS, WIDGET_SECONDS = 90, 180


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_the_notebook_served_is_the_repositorys(root):
    path, notice = teach.notebook()
    source = root / "notebooks" / teach.NOTEBOOK
    assert path.read_bytes() == source.read_bytes()
    if path.resolve() == source.resolve():  # a source tree: the package has no copy, and the command says so
        assert "source tree" in notice and str(source) in notice
    else:  # an installed package: its own copy, silently
        assert path.parts[-3:] == ("kommunbudget", "notebooks", teach.NOTEBOOK) and notice == ""


@pytest.mark.skipif(CMAKE is None, reason="cmake is not in the virtual environment (scripts/setup.sh venv)")
def test_the_build_installs_the_notebook_into_the_package(root, tmp_path):
    """python/CMakeLists.txt's install rule, as scikit-build-core runs it for the wheel: the component ``teaching``
    installs notebooks/07_teaching.ipynb as kommunbudget/notebooks/07_teaching.ipynb (configure only, no compile)."""
    pybind11 = importlib.util.find_spec("pybind11")
    if pybind11 is None:
        pytest.skip("pybind11 (a build requirement) is not installed")
    cmake_dir = subprocess.run([sys.executable, "-m", "pybind11", "--cmakedir"], capture_output=True, text=True,
                               check=True).stdout.strip()
    build = tmp_path / "build"
    configure = subprocess.run([CMAKE, "-S", str(root), "-B", str(build), "-DKOMMUNBUDGET_BUILD_PYTHON=ON",
                                "-DKOMMUNBUDGET_BUILD_TESTS=OFF", f"-Dpybind11_DIR={cmake_dir}"],
                               capture_output=True, text=True, timeout=300, check=False)
    assert configure.returncode == 0, configure.stdout[-2000:] + configure.stderr[-2000:]
    installed = subprocess.run([CMAKE, "--install", str(build), "--component", "teaching", "--prefix",
                                str(tmp_path / "wheel")], capture_output=True, text=True, timeout=120, check=False)
    assert installed.returncode == 0, installed.stderr
    copy = tmp_path / "wheel" / "kommunbudget" / "notebooks" / teach.NOTEBOOK
    assert copy.read_bytes() == (root / "notebooks" / teach.NOTEBOOK).read_bytes()
    assert sorted(p.relative_to(tmp_path / "wheel").as_posix() for p in (tmp_path / "wheel").rglob("*")
                  if p.is_file()) == [f"kommunbudget/notebooks/{teach.NOTEBOOK}"]


def test_the_language_variable_is_the_panels():
    assert teach.LANGUAGE_VARIABLE == teaching.LANGUAGE_VARIABLE


def test_without_voila_it_says_how_to_install_it(cli, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(teach.importlib.util, "find_spec", lambda name, *a: None if name == "voila" else real(name, *a))
    status, out, err = cli.run("teach", "--no-browser")
    assert (status, out) == (1, "")
    assert err == ('kommunbudget: error: the teaching page needs voila, which is not installed; install with: pip '
                   'install "kommunbudget[teach]"\n')


def test_a_taken_port_is_refused(cli):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        status, out, err = cli.run("teach", "--no-browser", "--port", str(port))
    cli.clean_error(status, out, err, f"--port {port}: cannot listen on 127.0.0.1:{port}", "choose another port")


@pytest.mark.parametrize("port", ["0", "65536", "http"])
def test_a_bad_port_is_a_usage_error(cli, port):
    status, out, err = cli.run("teach", "--port", port)
    assert status == 2 and out == "" and "Traceback" not in err and "--port" in err


def _wait_for_server(proc: subprocess.Popen, url: str) -> None:
    deadline = time.monotonic() + SERVER_SECONDS
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"kommunbudget teach ended with status {proc.returncode}"
        try:
            with urllib.request.urlopen(url + "voila/static/", timeout=5):
                return
        except urllib.error.HTTPError:
            return  # the server answers (a 404 for the folder is an answer)
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"no answer from {url} within {SERVER_SECONDS} s")


def _chrome(profile: Path) -> webdriver.Chrome:
    options = Options()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
                 f"--user-data-dir={profile}", "--window-size=1400,1800"):
        options.add_argument(flag)
    return webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))


def _row_cells(driver, line: str) -> list[str]:
    return [cell.text for cell in driver.find_elements(By.CSS_SELECTOR, f'tr[data-line="{line}"] td')]


@pytest.mark.skipif((CHROMIUM is None or CHROMEDRIVER is None) and not os.environ.get("CI"),
                    reason="chromium or chromedriver is not installed (and CI is unset); `make test` installs them: "
                           "scripts/setup.sh test-apt")
def test_the_page_renders_its_widgets_in_headless_chromium(tmp_path):
    assert CHROMIUM is not None and CHROMEDRIVER is not None, (
        "chromium or chromedriver is not installed, but CI is set: scripts/setup.sh test-apt installs them")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    proc = subprocess.Popen([sys.executable, "-m", "kommunbudget", "teach", "--no-browser", "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    driver = None
    try:
        _wait_for_server(proc, url)
        driver = _chrome(tmp_path / "profile")
        started = time.perf_counter()
        driver.get(url)
        WebDriverWait(driver, WIDGET_SECONDS).until(
            expected_conditions.presence_of_element_located((By.CSS_SELECTOR, ".widget-slider .noUi-handle")))
        seconds = time.perf_counter() - started
        WebDriverWait(driver, 30).until(
            expected_conditions.presence_of_element_located((By.CSS_SELECTOR, 'tr[data-line="tax_rate"]')))
        assert len(driver.find_elements(By.CSS_SELECTOR, ".widget-slider")) == 8, seconds
        assert _row_cells(driver, "result")[0] == "Årets resultat"
        rate = _row_cells(driver, "tax_rate")
        assert rate[1:] == [format_decimal(20.92, format="#,##0.00", locale="sv_SE")] * 7  # Sjöbo's rate

        # Move the tax slider (öre) with the keyboard: the kernel re-projects and the table follows it.
        slider = driver.find_element(By.XPATH, "//div[contains(@class, 'widget-slider')][.//*[contains(@class, "
                                               "'widget-label')][contains(., 'Skatteförändring, öre')]]")
        handle = slider.find_element(By.CSS_SELECTOR, ".noUi-handle")
        for _ in range(5):
            handle.send_keys(Keys.ARROW_RIGHT)

        def settled(drv) -> bool:
            ore = int(slider.find_element(By.CSS_SELECTOR, ".widget-readout").text)
            want = format_decimal(20.92 + ore / 100, format="#,##0.00", locale="sv_SE")
            cells = _row_cells(drv, "tax_rate")
            # 2024-2026 decided and unchanged; from 2027 (the slider's default year) the new rate
            return ore > 0 and cells[4:] == [want] * 4 and cells[1:4] == rate[1:4]

        # the panel re-renders its table on each update: an element read mid-update is stale, so read again
        WebDriverWait(driver, 60, ignored_exceptions=(StaleElementReferenceException,)).until(settled)
    finally:
        if driver is not None:
            driver.quit()
            time.sleep(2.0)  # let the kernel answer the page's last messages before the server stops it
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)  # Ctrl-C
        try:
            out, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
    assert proc.returncode == 0, err[-3000:]
    assert out == "kommunbudget teach: stopped\n"
    # No traceback of ours. ipykernel may log one of its own when Voilà stops the kernel while it is still sending a
    # reply (zmq "Socket operation on non-socket" on a closed socket): a race inside the kernel process at shutdown,
    # not an error of the command, so that one is left out.
    ours = "\n".join(block for block in err.split("[IPKernelApp] ERROR")
                     if "Socket operation on non-socket" not in block)
    assert "Traceback" not in ours, err[-3000:]
    assert f"kommunbudget teach: {url}" in err
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:  # Voilà is gone: nothing listens any more
        assert probe.connect_ex(("127.0.0.1", port)) != 0
