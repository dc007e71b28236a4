"""Time to load a scenario with many measures and build its core measures (not a test; prints seconds).

    .venv/bin/python benchmarks/scenario_measures.py [N ...]      (default 1000 2000)

A scenario of N fixed savings is written to a temporary folder, loaded with ``scenarios.load_scenario``, and its core
measures built the way ``scenarios.run`` builds them: once for every prefix of the measures (measures added one at a
time) and once for all. The projections themselves are not run: they belong to the scenario run.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from kommunbudget import scenarios

HEAD = 'name = "many"\nmunicipality = "Sjöbo"\nhorizon = 2030\n'
MEASURE = '\n[[measures]]\nname = "spara {i}"\nkind = "fixed_saving"\namount_msek = 0.01\nstart_year = 2026\n'


def main(counts: list[int]) -> None:
    for n in counts:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "many.toml"
            path.write_text(HEAD + "".join(MEASURE.format(i=i) for i in range(n)), encoding="utf-8")
            start = time.perf_counter()
            scenario = scenarios.load_scenario(path)
            loaded = time.perf_counter()
            names = [m.name for m in scenario.measures]
            for i in range(len(names)):
                scenario.measures_core(names[: i + 1])
            scenario.measures_core()
            built = time.perf_counter()
        print(f"{n:6d} measures: load {loaded - start:7.3f} s, build core measures {built - loaded:7.3f} s, "
              f"total {built - start:7.3f} s")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 2000])
