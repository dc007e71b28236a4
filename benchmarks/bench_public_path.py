"""The public path's speed, measured in one run against references and goals (``make benchmark``; not a test).

Each line prints the time, its reference measured in the same run, their ratio, and the goal of
``docs/architecture.md`` ("Speed goals"):

* ``Municipality.project()`` for 10 years against the core's own run of the same projection (goal <= 20 us);
* ``kb.load("Sjöbo")`` warm (tables already indexed) against one projection (goal <= 2 ms);
* ``kommunbudget --help`` and ``--version`` wall time against ``python -c pass`` (goal <= 0.3 s);
* all 290 municipalities loaded and projected in a fresh process, against ``import kommunbudget`` (goal <= 0.3 s);
* all 290 municipalities x 10 years through ``run_many`` (projectors built beforehand), all cores and one thread,
  against a loop of ``Municipality.project()`` over the same 290 (goal <= 5 ms);
* a scenario with 1,000 and 2,000 measures run, against the same scenario with 100 (growth with the number of
  measures);
* 8 threads x 200 projections of different municipalities against the same projections serially.

Times are the best of several repeats (the machine is shared; the best is the least disturbed).
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import threading
import time
import timeit
from pathlib import Path

import kommunbudget as kb
from kommunbudget import scenarios
from kommunbudget.analysis.all_municipalities import load_all
from kommunbudget.model import core

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def best(fn, number: int, repeat: int = 5) -> float:
    """Seconds per call, the best of ``repeat`` runs of ``number`` calls."""
    return min(timeit.repeat(fn, number=number, repeat=repeat)) / number


def wall(argv: list[str], repeat: int = 7) -> float:
    """Median wall time of a command, seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def line(what: str, value: float, unit: str, reference: str, ref_value: float, goal: float | None) -> None:
    scale = {"us": 1e6, "ms": 1e3, "s": 1.0}[unit]
    verdict = "" if goal is None else f"  goal <= {goal * scale:g} {unit}: {'met' if value <= goal else 'NOT MET'}"
    print(f"{what:<46} {value * scale:9.2f} {unit:<2}  {value / ref_value:7.2f} x {reference}{verdict}")


def scenario_text(n: int) -> str:
    """Sjöbo with ``n`` small fixed savings and efficiency measures (half each) from 2026."""
    parts = ['name = "many"', 'municipality = "Sjöbo"', "horizon = 2034", ""]
    for i in range(n):
        if i % 2:
            parts += ["[[measures]]", f'name = "saving {i}"', 'kind = "fixed_saving"', "amount_msek = 0.01",
                      f"start_year = {2026 + i % 8}", ""]
        else:
            parts += ["[[measures]]", f'name = "efficiency {i}"', 'kind = "efficiency"', "rate = 0.0001",
                      f"from_year = {2026 + i % 8}", ""]
    return "\n".join(parts)


def main() -> None:
    print(f"kommunbudget {kb.__version__}, Python {sys.version.split()[0]}: the public path")
    sjobo = kb.load("Sjöbo")
    sjobo.project(2034)
    projector = sjobo.projector(2034)
    core_run = best(projector.run, 5000)
    project = best(lambda: sjobo.project(2034), 5000)
    line("Municipality.project(), 10 years", project, "us", "the core's run", core_run, 20e-6)
    load = best(lambda: kb.load("Sjöbo"), 50)
    line('kb.load("Sjöbo"), warm', load, "ms", "project()", project, 2e-3)
    load_lund = best(lambda: kb.load("Lund"), 50)
    line('kb.load("Lund") (approximate), warm', load_lund, "ms", "project()", project, 2e-3)

    python = wall([sys.executable, "-c", "pass"])
    line("python -c pass", python, "s", "python -c pass", python, None)
    for option in ("--help", "--version"):
        line(f"kommunbudget {option}", wall([str(BIN / "kommunbudget"), option]), "s", "python -c pass", python,
             0.3)
    imported = wall([sys.executable, "-c", "import kommunbudget"])
    line("import kommunbudget", imported, "s", "python -c pass", python, None)
    all_290 = ("import time, kommunbudget as kb\n"
               "codes = kb.data.municipalities()['code'].tolist()\n"
               "t = time.perf_counter()\n"
               "for c in codes: kb.load(c).project(2034)\n"
               "print(time.perf_counter() - t)")
    runs = [float(subprocess.run([sys.executable, "-c", all_290], check=True, capture_output=True,
                                 text=True).stdout) for _ in range(3)]
    line("290 municipalities loaded and projected (cold)", min(runs), "s", "import kommunbudget", imported, 0.3)

    everyone = load_all()
    projectors = [m.projector(2033) for m in everyone]  # 2024-2033: 10 years
    loop = best(lambda: [m.project(2033) for m in everyone], 3)
    many = best(lambda: core.run_many(projectors), 50)
    line("290 municipalities x 10 years, run_many", many, "ms", "a loop of project()", loop, 5e-3)
    many_1 = best(lambda: core.run_many(projectors, threads=1), 50)
    line("290 municipalities x 10 years, run_many, 1 thread", many_1, "ms", "a loop of project()", loop, 5e-3)

    sizes = (100, 1000, 2000)
    texts = {n: scenario_text(n) for n in sizes}
    times = {}
    for n in sizes:
        parsed = scenarios.parse(texts[n], f"<{n} measures>")
        times[n] = best(lambda parsed=parsed: scenarios.run(parsed), 1, repeat=3)
    for n in sizes:
        line(f"scenario with {n:,} measures, run", times[n], "s", "100 measures", times[100], None)

    codes = kb.data.municipalities()["code"].tolist()[:8]
    municipalities = [kb.load(c) for c in codes]
    for m in municipalities:
        m.project(2034)

    def work(m) -> None:
        for _ in range(200):
            m.project(2034)

    start = time.perf_counter()
    for m in municipalities:
        work(m)
    serial = time.perf_counter() - start
    threads = [threading.Thread(target=work, args=(m,)) for m in municipalities]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    threaded = time.perf_counter() - start
    line("8 threads x 200 projections", threaded, "s", "the same serially", serial, None)


if __name__ == "__main__":
    main()
