"""The "What moves the answer" table in words (``solve`` and ``scenario``): each default that is an assumption, not
data, at a stated low and high value, and the sustained tax change the target then needs, öre.

The numbers come from :func:`kommunbudget.analysis.sensitivity_defaults.what_moves`; this module only lays them out.
"""
from __future__ import annotations

from kommunbudget.analysis.sensitivity_defaults import WhatMoves
from kommunbudget.report.formats import fmt
from kommunbudget.report.text import wrap

__all__ = ["what_moves_text"]


def what_moves_text(w: WhatMoves, language: str = "en", after: str = "") -> str:
    """The table as text: a heading, the baseline's need, then per default a line with its label, default and the
    need at the low and the high variant and the swing (öre), and a line naming the low and the high in words (or
    the row's own names for its two sides, e.g. "rule (default)" and "held").

    Parameters
    ----------
    w : WhatMoves
    language : {"en", "sv"}
        The language of the assumptions' labels (the rest is English, as the text reports).
    after : str
        Words after "the sustained change" naming what it is computed on (e.g. " after the measures").

    Raises
    ------
    ValueError
        For another language.
    """
    if language not in ("en", "sv"):
        raise ValueError(f"language = {language!r}; expected 'en' or 'sv'")
    need = fmt(w.baseline_ore, "öre", True)
    head = ["What moves the answer: defaults that are assumptions, not data, each at a low and a high value",
            wrap(f"The sustained change from 1 January {w.from_year}{after} that meets the target "
                 f"({w.target.describe()}) in every year, öre (negative: room to lower the rate): {need} öre with "
                 f"every default as it is. Each default below is set to its low and its high value in the years "
                 f"named, all else unchanged; largest swing first. The steps (1 pp, 1 %, 0.5 pp, 2 pp) are defaults "
                 f"of this table, not data: they show the size of each effect, not a forecast range. In the default "
                 f"column, (default) is a default that is not data and (rule) a value derived by a rule from other "
                 f"assumptions. For the regulation grant the two sides are the rule itself (the baseline) and the "
                 f"grant held, not a low and a high value.")]
    if not w.rows:
        return "\n".join(head + ["  (no default to vary: every assumption of these years is data or set by you)"])
    labels = [r.variant.label_sv if language == "sv" else r.variant.label for r in w.rows]
    lw = max(len("assumption"), *(len(x) for x in labels))
    dw = max(len("default"), *(len(r.variant.default) for r in w.rows))
    lines = ["", f"  {'assumption':<{lw}}  {'default':<{dw}}  {'at low':>8}  {'at high':>8}  {'swing':>7}",
             f"  {'':<{lw}}  {'':<{dw}}  {'öre':>8}  {'öre':>8}  {'öre':>7}"]
    for label, r in zip(labels, w.rows, strict=True):
        v = r.variant
        lines.append(f"  {label:<{lw}}  {v.default:<{dw}}  {fmt(r.need_low_ore, 'öre', True):>8}  "
                     f"{fmt(r.need_high_ore, 'öre', True):>8}  {fmt(r.swing_ore, 'öre'):>7}")
        lines.append(wrap(f"{v.low_name}: {v.low}; {v.high_name}: {v.high}" + (f" ({r.error})" if r.error else ""),
                          "      ",
                          "        "))
    return "\n".join(head + lines)
