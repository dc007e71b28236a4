"""Languages (kommunbudget.report.i18n): babel's Swedish and English number formats, unit words, dates, and the
gettext catalogue: every message the package passes to ``gettext`` (or its alias ``_``) as a literal has a Swedish
translation that keeps its ``{name}`` fields. Expected strings are written out by hand (Swedish as SKR and the
municipalities print it: ``1 656,2``, ``−18,6``, ``31 december 2024``)."""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir

import kommunbudget.report.text as text
from kommunbudget.cli import scenario, uncertainty
from kommunbudget.report import i18n

PACKAGE = Path(text.__file__).resolve().parents[1]


def test_numbers_in_swedish_and_english():
    assert i18n.number(1656.2, 1, "sv") == "1\u00a0656,2"
    assert i18n.number(-18.6, 1, "sv") == "\u221218,6"
    assert i18n.number(19337, 0, "sv") == "19\u00a0337"
    assert i18n.number(1656.2, 1, "en") == "1,656.2"
    assert i18n.number(-18.6, 1, "en") == "-18.6"
    assert i18n.number(3.25, 1, "sv", signed=True) == "+3,2"  # half to even, as babel rounds
    assert i18n.number(-0.04, 1, "sv", signed=True) == "0,0"  # no "−0,0"
    assert i18n.number(float("nan"), 1, "sv") == i18n.MISSING
    assert i18n.percent(0.0234, 1, "sv") == "2,3\u00a0%"


def test_units_dates_and_yes_no():
    assert i18n.unit_word("MSEK", "sv") == "mnkr" and i18n.unit_word("TSEK", "sv") == "tkr"
    assert i18n.unit_word("kr per inhabitant", "sv") == "kr/inv" and i18n.unit_word("MSEK", "en") == "MSEK"
    assert i18n.date_text(dt.date(2024, 12, 31), "sv") == "31 december 2024"
    assert i18n.date_text(dt.date(2023, 11, 1), "en") == "1 November 2023"
    assert text.date_words("31 Dec 2024", "sv") == "31 december 2024"
    assert text.date_words("Budget 2024", "sv") == "Budget 2024"  # not a date: as it is
    assert (i18n.yes_no(1.0, "sv"), i18n.yes_no(0.0, "sv"), i18n.yes_no(True, "en")) == ("ja", "nej", "yes")


def test_a_language_other_than_sv_or_en_is_refused_by_name():
    with pytest.raises(ValueError, match=r"language = 'de'; expected 'sv' \(Swedish\) or 'en'"):
        i18n.number(1.0, 1, "de")
    with pytest.raises(ValueError, match="language = 'fr'"):
        i18n.gettext("Notes", "fr")


def _literal_messages() -> dict[str, str]:
    """Every literal message passed to gettext or _ in the package (babel's extractor), with where it is."""
    found: dict[str, str] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
            PACKAGE, method_map=[("**.py", "python")], keywords={"gettext": None, "_": None}, options_map={}):
        if isinstance(message, str):
            found.setdefault(message, f"{filename}:{lineno}")
    return found


def _table_messages() -> dict[str, str]:
    """Messages passed to gettext through tables rather than literals."""
    tables = {"text.STATUS_SHORT": text.STATUS_SHORT, "text._STATUS_WORDS": text._STATUS_WORDS,
              "text.KIND_HEADINGS": text.KIND_HEADINGS,
              "kinds": {k: k for k in ("data", "derived", "user", "default", "yes", "no")}}
    return {message: name for name, table in tables.items() for message in table.values()}


def test_every_message_has_a_swedish_translation_with_the_same_fields():
    catalogue = i18n.catalogue("sv")
    messages = {**_literal_messages(), **_table_messages()}
    assert len(messages) > 40  # the extractor found the package's messages
    missing = [f"{where}: {message!r}" for message, where in messages.items() if message not in catalogue]
    assert not missing, "no Swedish translation in report/locale/sv/LC_MESSAGES/*.po:\n" + "\n".join(missing)
    fields = re.compile(r"\{(\w*)\}")
    broken = [m for m in messages if set(fields.findall(m)) != set(fields.findall(catalogue[m]))]
    assert not broken, f"translations that drop or add a {{field}}: {broken}"


def test_gettext_translates_and_fills_fields():
    assert i18n.gettext("Notes", "sv") == "Noter" and i18n.gettext("Notes", "en") == "Notes"
    assert i18n.gettext("Source: {source}", "sv", source="SCB") == "Källa: SCB"


def test_messages_given_through_tables_of_the_commands_are_translated():
    catalogue = i18n.catalogue("sv")
    tables = [uncertainty._PROBABILITY_WORDS.values(), uncertainty._FAN_WORDS.values(),
              uncertainty._SHOCK_WORDS.values(), [heading for _c, heading, _f in scenario._PREMISES_COLUMNS],
              ["baseline", "scenario"]]
    missing = [m for table in tables for m in table if m not in catalogue]
    assert not missing, missing
