"""Targets (what the budget must achieve in a year): parsing them from text, the three of every report, and a
stable key for each. The target arithmetic (shortfall, required rate, met or not) is the core's
(``docs/model.md`` §10).
"""
from __future__ import annotations

import math

from kommunbudget.model import core
from kommunbudget.model.checks import finite_real
from kommunbudget.model.defaults import RESULT_TARGET_SHARE
from kommunbudget.model.limits import limit

__all__ = ["TARGET_SHARE_RANGE", "TargetTextError", "as_target", "default_targets", "parse_target", "target_key"]

#: The allowed range of a result-share target (fraction of tax revenue and general grants), ``(-0.5, 0.5)``: the
#: core's row ``Target.share`` of its table of limits (``docs/model.md`` §14). Text is checked when it is parsed, so
#: a scenario file's or the command line's target fails where it is written.
TARGET_SHARE_RANGE = limit("Target", "share")


class TargetTextError(ValueError):
    """Text that is not a target. ``text`` is the text; ``detail`` what is wrong with it, starting with ": " or
    " is not"; the message is ``target = '<text>'<detail>`` (a scenario file names the key its own way)."""

    def __init__(self, text: str, detail: str) -> None:
        super().__init__(f"target = {text!r}{detail}")
        self.text = text
        self.detail = detail


def parse_target(text: str) -> core.Target:
    """A target from text: ``"result"``, ``"balanced-budget"``, ``"share:0.02"`` (fraction of tax revenue and
    general grants, in :data:`TARGET_SHARE_RANGE`) or ``"share-excl-one-offs:0.02"`` (the same share of the result
    without realisation gains and other one-off items, jämförelsestörande poster; ``docs/model.md`` §16).

    ``"balanced-budget"`` is the balanskrav with restoration: the balanced-budget result must be at least 0 and at
    least the earlier deficits that fall due in the year (kommunallagen 11 kap. 12 §; ``docs/model.md`` §16).

    Raises
    ------
    ValueError
        (:class:`TargetTextError`) For any other text, a share that is not a finite number or one outside the range
        (a share that looks like a percent gets the fraction it probably means), naming the value and the accepted
        forms.
    """
    t = text.strip().lower()
    if t in ("result", "resultat"):
        return core.Target(kind=core.TargetKind.RESULT)
    if t in ("balanced-budget", "balanced_budget", "balanskrav"):
        return core.Target(kind=core.TargetKind.BALANCED_BUDGET_RESULT)
    kind = core.TargetKind.RESULT_SHARE
    for prefix in ("share-excl-one-offs:", "share_excl_one_offs:"):
        if t.startswith(prefix):
            kind = core.TargetKind.RESULT_EXCLUDING_ONE_OFFS_SHARE
            t = "share:" + t[len(prefix):]
    if t.startswith("share:"):
        lo, hi = TARGET_SHARE_RANGE
        try:
            share = float(t.split(":", 1)[1])
        except ValueError:
            raise TargetTextError(text, ": the share is not a number; expected e.g. 'share:0.02'") from None
        if not math.isfinite(share):
            raise TargetTextError(text, f": target.share = {share} is not a finite number; expected a fraction in "
                                        f"[{lo:g}, {hi:g}], e.g. 'share:0.02'")
        if not lo <= share <= hi:
            hint = f"; did you mean {share / 100:g}?" if abs(share) >= 1 and lo <= share / 100 <= hi else ""
            raise TargetTextError(text, f": target.share = {share:g} is outside the allowed range [{lo:g}, {hi:g}] "
                                        f"for a result target (a fraction of tax revenue and general grants, 0.02 = "
                                        f"2 %{hint})")
        return core.Target(kind=kind, share=share)
    raise TargetTextError(text, " is not a target; expected 'result', 'balanced-budget', 'share:<fraction>' or "
                                "'share-excl-one-offs:<fraction>' (e.g. share:0.02)")


def _checked_share(share: object) -> float:
    lo, hi = TARGET_SHARE_RANGE
    value = finite_real("share", share, f"a fraction in [{lo:g}, {hi:g}], e.g. 0.02")
    if not lo <= value <= hi:
        hint = f"; did you mean {value / 100:g}?" if abs(value) >= 1 and lo <= value / 100 <= hi else ""
        raise ValueError(f"share = {value:g} is outside the allowed range [{lo:g}, {hi:g}] for a result target (a "
                         f"fraction of tax revenue and general grants, 0.02 = 2 %{hint})")
    return value


def as_target(target: core.Target | str) -> core.Target:
    """A Target, or text parsed by :func:`parse_target`. Raises ValueError for anything else."""
    if isinstance(target, core.Target):
        return target
    if isinstance(target, str):
        return parse_target(target)
    raise ValueError(f"target = {target!r} is not a target; expected kb.Target or text such as 'share:0.02'")


def default_targets(share: float | None = None) -> list[core.Target]:
    """The three targets of every report: result >= 0, balanced-budget result >= 0 and result >= ``share`` of tax
    revenue and general grants.

    Parameters
    ----------
    share : float, optional
        A fraction in :data:`TARGET_SHARE_RANGE` (0.02 = 2 %; any real number, numpy's scalars included); default
        :data:`kommunbudget.RESULT_TARGET_SHARE`, 2 %.

    Raises
    ------
    ValueError
        For a share that is not a finite real number (a bool included) or is outside :data:`TARGET_SHARE_RANGE` (a
        share that looks like a percent gets the fraction it probably means).
    """
    s = RESULT_TARGET_SHARE.value if share is None else _checked_share(share)
    return [core.Target(kind=core.TargetKind.RESULT), core.Target(kind=core.TargetKind.BALANCED_BUDGET_RESULT),
            core.Target(kind=core.TargetKind.RESULT_SHARE, share=s)]


def target_key(target: core.Target) -> str:
    """A stable identifier: ``result``, ``balanced_budget_result``, ``result_share_2pct`` or
    ``result_excluding_one_offs_share_2pct``."""
    if target.kind == core.TargetKind.RESULT:
        return "result"
    if target.kind == core.TargetKind.BALANCED_BUDGET_RESULT:
        return "balanced_budget_result"
    if target.kind == core.TargetKind.RESULT_EXCLUDING_ONE_OFFS_SHARE:
        return f"result_excluding_one_offs_share_{target.share * 100:g}pct"
    return f"result_share_{target.share * 100:g}pct"

