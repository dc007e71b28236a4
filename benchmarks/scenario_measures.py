"""Time to load and run a scenario with many measures (not a test; prints seconds).

    PYTHONPATH=python .venv/bin/python benchmarks/scenario_measures.py [N ...]      (default 1000 2000)

A scenario of N fixed savings is written to a temporary folder, loaded with ``scenarios.load_scenario`` and run with
``scenarios.run``: the baseline, the projection with all measures and each measure's effect (the core's
``Projector.measure_effects``: each measure validated once, then the baseline and each prefix projected, so the run
grows at most quadratically with N). The municipality is loaded once before the timings.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from kommunbudget import scenarios
from kommunbudget.baselines.load import load

HEAD = 'name = "many"\nmunicipality = "Sjöbo"\nhorizon = 2030\n'
MEASURE = '\n[[measures]]\nname = "spara {i}"\nkind = "fixed_saving"\namount_msek = 0.01\nstart_year = 2026\n'


def main(counts: list[int]) -> None:
    load("Sjöbo")  # the baseline's data read once, outside the timings
    for n in counts:
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "many.toml"
            path.write_text(HEAD + "".join(MEASURE.format(i=i) for i in range(n)), encoding="utf-8")
            start = time.perf_counter()
            scenario = scenarios.load_scenario(path)
            loaded = time.perf_counter()
            result = scenarios.run(scenario)
            ran = time.perf_counter()
        assert result.measure_effects.shape[0] == n
        print(f"{n:6d} measures: load {loaded - start:7.3f} s, run {ran - loaded:7.3f} s, "
              f"total {ran - start:7.3f} s")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1000, 2000])
