"""Thread safety: 8 threads × 200 projections of different municipalities finish and equal the serial results
exactly, with the core's messages forwarded to Python's logging (the core releases the GIL while it builds and runs a
projection; its log sink forwards to Python without holding a C++ lock, docs/model.md and _core.pyi).

The municipalities (200 distinct codes) and their measures are built first, in the main thread; the threads then
project concurrently. A deadlock fails the test instead of hanging it: every thread is joined with a timeout, and a
watchdog (faulthandler, which needs no GIL) dumps the threads' stacks and ends the process should even the main
thread be blocked.
"""
from __future__ import annotations

import dataclasses
import faulthandler
import logging
import sys
import threading

import numpy as np
import pytest

import kommunbudget as kb
from kommunbudget.data.municipalities import all_codes
from kommunbudget.model import core

THREADS = 8
PER_THREAD = 200
MUNICIPALITIES = 200
TIMEOUT_S = 120.0
#: The watchdog: well beyond TIMEOUT_S, for a deadlock that holds the GIL (no Python code could then fail the test).
WATCHDOG_S = 600.0


def _measures(m) -> core.Measures:
    """A few measures valid for every baseline: an efficiency step, a small fixed saving, a tax change."""
    first = m.base_year + 1
    return core.Measures(efficiency=[core.EfficiencyMeasure(from_year=first, rate=0.01)],
                         fixed_savings=[core.FixedSaving(name="spara", amount_msek=1.0, start_year=first,
                                                         ramp_years=2)],
                         tax_changes=[core.TaxChange(from_year=first + 1, change_kr_per_100kr=0.1)])


@pytest.fixture(scope="module")
def cases():
    """(municipality, horizon, measures) for 200 distinct municipalities, horizons 3-6 years after the base year,
    with and without measures."""
    codes = all_codes()[:MUNICIPALITIES]
    out = []
    for i, code in enumerate(codes):
        m = kb.load(code)
        out.append((m, m.base_year + 3 + i % 4, _measures(m) if i % 2 == 0 else None))
    assert len({m.code for m, _, _ in out}) == MUNICIPALITIES
    return out


def _project(case) -> core.IncomeStatement:
    """One projection from a fresh copy of the baseline (an empty cache of projectors): the core builds a
    projector (which logs) and runs it."""
    m, horizon, measures = case
    return dataclasses.replace(m).project(horizon, measures).core


def _arrays(statement: core.IncomeStatement) -> dict[str, np.ndarray]:
    out = {name: np.array(getattr(statement, name)) for name in core.IncomeStatement.LINES}
    out["grant_items"] = np.array(statement.grant_items)
    out["years"] = np.array(statement.years)
    return out


@pytest.fixture(scope="module")
def serial(cases):
    return [_arrays(_project(case)) for case in cases]


def _run_concurrently(cases) -> dict[tuple[int, int], core.IncomeStatement]:
    """Thread t projects cases t*25, t*25 + 1, ... (cycling through all 200), so at any moment the threads work on
    different municipalities. Returns (thread, task) -> statement; fails on an error or a timeout."""
    results: dict[tuple[int, int], core.IncomeStatement] = {}
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(THREADS)

    def work(t: int) -> None:
        try:
            start.wait(timeout=TIMEOUT_S)
            for j in range(PER_THREAD):
                statement = _project(cases[(t * (len(cases) // THREADS) + j) % len(cases)])
                with lock:
                    results[(t, j)] = statement
        except BaseException as exc:  # noqa: BLE001 - reported in the main thread
            with lock:
                errors.append(exc)

    threads = [threading.Thread(target=work, args=(t,), name=f"projection-{t}", daemon=True)
               for t in range(THREADS)]
    faulthandler.dump_traceback_later(WATCHDOG_S, exit=True, file=sys.stderr)
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=TIMEOUT_S)
        stuck = [thread.name for thread in threads if thread.is_alive()]
    finally:
        faulthandler.cancel_dump_traceback_later()
    assert not stuck, f"threads still running after {TIMEOUT_S} s (a deadlock?): {stuck}"
    assert not errors, errors
    assert len(results) == THREADS * PER_THREAD
    return results


@pytest.fixture
def logs():
    """Restores the core's log level (its default, 'info') and the package logger after the test."""
    logger = logging.getLogger("kommunbudget")
    level, handlers = logger.level, list(logger.handlers)
    yield logger
    core.set_log_level("info")
    logger.setLevel(level)
    logger.handlers[:] = handlers


class _Count(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []
        self._guard = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        with self._guard:
            self.records.append(record)


@pytest.mark.parametrize("core_level, python_level", [
    ("debug", logging.INFO),   # the core sends debug messages, Python drops them
    ("info", logging.INFO),
    ("debug", logging.DEBUG),  # every message reaches a Python handler, from eight threads at once
])
def test_concurrent_projections_equal_the_serial_ones(cases, serial, logs, core_level, python_level):
    core.set_log_level(core_level)
    logs.setLevel(python_level)
    handler = _Count()
    handler.setLevel(python_level)
    logs.addHandler(handler)
    results = _run_concurrently(cases)
    for (t, j), statement in results.items():
        i = (t * (len(cases) // THREADS) + j) % len(cases)
        got, want = _arrays(statement), serial[i]
        assert got.keys() == want.keys()
        for name in want:
            assert np.array_equal(got[name], want[name], equal_nan=True), \
                f"{cases[i][0].label}, {name}, thread {t} task {j}"
    if python_level == logging.DEBUG:
        assert handler.records, "the core's debug messages did not reach Python's logging"
        assert all(r.name.startswith("kommunbudget") for r in handler.records)
