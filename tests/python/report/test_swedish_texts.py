"""The Swedish catalogue of generated texts (``report/locale/sv/LC_MESSAGES/sources.po``, read by
:func:`kommunbudget.report.i18n.translation`) and the Swedish labels of identifiers
(:mod:`kommunbudget.report.assumption_labels`).

Completeness: every text the lower layers generate for the baselines a council report or workbook can show is covered
by the catalogue: the assumption sources, base-year sources and notes of all 290 municipalities' default baselines (289
approximate, Sjöbo's adopted budget), of both packaged vintages, of the plan growth left out, of an embedded population
forecast (Lund, Östersund), of both preset scenarios, and of budgets read from files: the budget template's filled
example (docs/budget-workbook.md; its ``Exempel`` sheets copied into the sheets that are read) with and without every
optional sheet and line, and the tests' made-up Lund budget typed as figures. A text not covered fails the test, named.

The expected Swedish of single texts below is written out here (numbers the Swedish way: a no-break space between
thousands, a decimal comma, U+2212 for minus; dates in words), not taken from the code under test.
"""
from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import openpyxl
import pytest
from babel.messages.pofile import read_po

from kommunbudget.analysis.benchmark import benchmark
from kommunbudget.analysis.revenue import explain_revenue, municipal_revenue
from kommunbudget.baselines.load import load
from kommunbudget.baselines.own_budget import from_budget_figures, read_budget
from kommunbudget.baselines.population_forecast import with_population_forecast
from kommunbudget.baselines.vintages import get_vintage, list_vintages
from kommunbudget.cli.main import main
from kommunbudget.data.catalogue import data_sources
from kommunbudget.data.municipalities import municipalities
from kommunbudget.data.pkv import pkv_vintage, pkv_vintages
from kommunbudget.data.service_areas import assistance_note
from kommunbudget.data.uncertainty_defaults import SHOCK_ORDER
from kommunbudget.model.measures import MEASURE_KINDS
from kommunbudget.report import i18n
from kommunbudget.report.assumption_labels import (
    ASSUMPTION_LABELS,
    BASE_FIELD_LABELS,
    MEASURE_KIND_WORDS,
    SHOCK_LABELS,
    assumption_label,
    base_field_label,
    base_value_text,
)
from kommunbudget.scenarios.checklist import items
from kommunbudget.scenarios.presets import presets
from kommunbudget.scenarios.result import run as run_scenario

NBSP = "\u00a0"
MINUS = "\u2212"


# ----------------------------------------------------------------------------------------------------------------
# The texts: every baseline a report can show
# ----------------------------------------------------------------------------------------------------------------


def _texts_of(m, horizon: int, into: dict[str, str], names: set[str], fields: set[str]) -> None:
    """The generated texts of a baseline (assumption sources to ``horizon``, base-year sources, notes) into ``into``
    (text -> where it was found), its assumption identifiers into ``names`` and base fields into ``fields``."""
    assumptions = m.project(horizon).assumptions(detail=True)
    for source, name in zip(assumptions["source"], assumptions["assumption"], strict=True):
        into.setdefault(source, f"{m.label}: source of {name}")
        names.add(name)
    sources = m.base_year_sources()
    for source, field in zip(sources["source"], sources["field"], strict=True):
        into.setdefault(source, f"{m.label}: base-year source of {field}")
        fields.add(field)
    for note in m.notes:
        into.setdefault(note, f"{m.label}: note")


def _template_example(folder: Path, every_option: bool) -> Path:
    """The budget template for Sjöbo 2024 with its filled example (sheets ``Exempel ...``) moved into the sheets that
    are read; with ``every_option`` also the optional lines: net investments, debt, cash, borrowing rate, a
    depreciation period, pension interest (Investeringar), two committees (Verksamheter), the result reserve, negative
    equity, a deficit not restored and the national average tax capacity (Förutsättningar)."""
    path = folder / ("mall_full.xlsx" if every_option else "mall.xlsx")
    assert main(["template", "--out", str(path), "--municipality", "Sjöbo", "--budget-year", "2024"]) == 0
    book = openpyxl.load_workbook(path)
    for name in [n for n in book.sheetnames if n.startswith("Exempel ")]:
        own = name[len("Exempel "):]
        if own in book.sheetnames:
            del book[own]
        book[name].title = own
    if every_option:
        sheet = book["Investeringar"]
        header = next(r for r in sheet.iter_rows() if any(str(c.value or "").startswith("Budget 2024") for c in r))
        columns = {str(c.value): c.column for c in header if c.value}
        columns["Plan 2027"] = max(columns.values()) + 1
        sheet.cell(header[0].row, columns["Plan 2027"], "Plan 2027")
        rows = {str(r[0].value).strip(): r[0].row for r in sheet.iter_rows() if r[0].value}
        for label, texts in {"Nettoinvesteringar": ["120,5", "90", "80", "75"], "Låneskuld": ["450", "", "", ""],
                             "Likvida medel": ["25,5", "", "", ""], "Låneränta": ["", "3,1", "3,2", "3,3"],
                             "Avskrivningstid": ["25", "", "", ""],
                             "Ränta på pensionsavsättning": ["0,6", "0,3", "0,1", "0,3"]}.items():
            for year, text in zip(["Budget 2024", "Plan 2025", "Plan 2026", "Plan 2027"], texts, strict=True):
                if text:
                    sheet.cell(rows[label], columns[year], text)
        areas = book["Verksamheter"]
        for row in (["Verksamhet", "Budget 2024"], ["Barn- och utbildningsnämnden", 520.0],
                    ["Vård- och omsorgsnämnden", 410.0]):
            areas.append(row)
        premises = book["Förutsättningar"]
        rows = {str(r[0].value).strip(): r[0].row for r in premises.iter_rows() if r[0].value}
        premises.cell(rows["Resultatreserv vid årets början"], 2, 12.0)
        premises.cell(rows["Negativt eget kapital"], 2, "ja")
        premises.cell(rows[next(k for k in rows if k.startswith("Ej återställt underskott"))], 2, 4.8)
        premises.cell(rows["Medelskattekraft"], 2, 271415)
    book.save(path)
    return path


@pytest.fixture(scope="module")
def generated(tmp_path_factory, lund_figures) -> tuple[dict[str, str], set[str], set[str]]:
    """Every generated text (text -> where), assumption identifier and base-year field of the baselines above."""
    texts: dict[str, str] = {}
    names: set[str] = set()
    fields: set[str] = set()
    for code in municipalities()["code"]:
        m = load(code)
        _texts_of(m, m.base_year + 10, texts, names, fields)
    for vintage in list_vintages()["name"]:
        for name in ("Sjöbo", "Ystad"):
            m = load(name, vintage=vintage)
            _texts_of(m, m.base_year + 10, texts, names, fields)
    m = load("Sjöbo", use_plan_growth=False)
    _texts_of(m, m.base_year + 10, texts, names, fields)
    for name in ("Lund", "Östersund"):
        m = with_population_forecast(load(name), "embedded")
        _texts_of(m, m.base_year + 10, texts, names, fields)
    for preset in ("sjobo_before_tax_rise", "sjobo_premises"):
        r = run_scenario(preset)
        _texts_of(r.municipality, r.scenario.horizon, texts, names, fields)
    folder = tmp_path_factory.mktemp("budgets")
    for every_option in (False, True):
        path = _template_example(folder, every_option)
        m = read_budget(path)
        _texts_of(m, m.base_year + 10, texts, names, fields)
    # a scenario on the budget: the example's portfolio (sheet Lokaler) used, or the scenario's own instead
    portfolio = resources.files("kommunbudget") / "data" / "files" / "scenarios" / "sjobo_premises_portfolio.csv"
    (folder / "lokaler.csv").write_bytes(portfolio.read_bytes())
    for own in ("", 'premises_file = "lokaler.csv"\n'):
        scenario = folder / "s.toml"
        scenario.write_text(f'name = "s"\nbudget = "{path.name}"\nhorizon = 2029\n{own}[[measures]]\nname = "e"\n'
                            'kind = "efficiency"\nfrom_year = 2026\nrate = 0.01\n', encoding="utf-8")
        r = run_scenario(str(scenario))
        _texts_of(r.municipality, r.scenario.horizon, texts, names, fields)
    for figures in (lund_figures(), lund_figures(year_kinds={2025: "budget"}, items={2025: lund_figures().items[2025]},
                                   tax_rate={2025: 21.24}, population={2025: 130_200.0}),
                    lund_figures(tax_rate={2025: 21.24, 2026: 21.5, 2027: 21.5})):
        m = from_budget_figures(figures)
        _texts_of(m, m.base_year + 10, texts, names, fields)
    m = with_population_forecast(from_budget_figures(lund_figures()), "embedded")
    _texts_of(m, m.base_year + 10, texts, names, fields)
    return texts, names, fields


def test_every_generated_text_is_covered_by_the_swedish_catalogue(generated):
    texts, _, _ = generated
    assert len(texts) > 1500  # 290 municipalities' own figures (tax bases, rates, counties) make most of them
    missing = i18n.untranslated(texts)
    assert not missing, "not in the Swedish catalogue (add an entry to report/locale/sv/LC_MESSAGES/sources.po):\n" + \
        "\n".join(f"- {texts[t]}: {t!r}" for t in missing[:40])


def test_every_vintage_text_is_covered():
    for name in list_vintages()["name"]:
        v = get_vintage(name)
        texts = [v.description] + [p.source for s in v.series.values() for p in (*s.provenance.values(),
                                                                                   s.tail_provenance) if p]
        assert not i18n.untranslated(texts), (name, i18n.untranslated(texts))


def test_every_identifier_shown_has_a_swedish_label(generated):
    _, names, fields = generated
    for name in names:
        label = assumption_label(name, "sv")
        assert label != name and "_" not in label, name
        assert assumption_label(name, "en") != name, name
    for field in fields:
        assert base_field_label(field, "sv") != field and "_" not in base_field_label(field, "sv"), field
    assert set(fields) <= set(BASE_FIELD_LABELS)
    assert {n for n in names if ":" not in n} <= set(ASSUMPTION_LABELS)


# ----------------------------------------------------------------------------------------------------------------
# Single texts, their Swedish written out
# ----------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("english", "swedish"), [
    # a number field with thousands and a date in words
    ("held at 19,337 (31 Dec 2024): no population forecast in the data",
     f"oförändrad på 19{NBSP}337 (31 december 2024): ingen befolkningsprognos i datan"),
    # a citation inside a citation: the document's own words kept, its English "and" translated by its entry
    ("implied by the adopted plan's tax revenue at the year's rate (Sjöbo kommun, Budget 2024 med plan 2025-2027 "
     "(finansiellinfo.se/Sjobo/Budget-2024, Resultatbudget and Noter))",
     "härledd ur den antagna planens skatteintäkter vid årets skattesats (Sjöbo kommun, Budget 2024 med plan "
     "2025-2027 (finansiellinfo.se/Sjobo/Budget-2024, Resultatbudget och Noter))"),
    # a vintage's text inside the vintage's label; "2018-2021" kept as written
    ("vintage skr-2025-report (2025): SKR's average PKV change 2018-2021, 2.6 % a year (SKR 2025, cited by the "
     "2025 report), for both components",
     "årgång skr-2025-report (2025): SKR:s genomsnittliga förändring av PKV 2018-2021, 2,6 % per år (SKR 2025, "
     "citerad i 2025 års rapport), för båda komponenterna"),
    # a list of announced items: signed numbers, bn SEK in mdkr, the bill's reference kept
    ("announced: kompensation för språkkrav i äldreomsorgen (finansieringsprincipen) -0.015 bn SEK (BP 2026 "
     "(prop. 2025/26:1)); bn SEK / 10,587,710 inhabitants (31 Dec 2024) (statsbidrag_tillskott.csv)",
     f"aviserat: kompensation för språkkrav i äldreomsorgen (finansieringsprincipen) {MINUS}0,015 mdkr (BP 2026 "
     f"(prop. 2025/26:1)); mdkr delat med 10{NBSP}587{NBSP}710 invånare (31 december 2024) "
     f"(statsbidrag_tillskott.csv)"),
    # a law reference kept
    ("115 % of medelskattekraft (lag 2004:773 3 §; RULES.md §2)",
     "115 % av medelskattekraften (lag 2004:773 3 §; RULES.md §2)"),
    # a cell of the user's budget, and a detail after it (not taken as part of the cell)
    ("your budget: budget.xlsx, sheet Investeringar, cell B7 (likvida medel, 31 Dec)",
     "er budget: budget.xlsx, blad Investeringar, cell B7 (likvida medel, 31 december)"),
    # two parentheses in a row: a field never takes half of one
    ("Sjöbo, Budget 2025 med plan 2026-2027 (noter) (https://finansiellinfo.se/Sjobo/Budget-2025/Noter.html), "
     "ränta på pensionsavsättningar 2026 (plan)",
     "Sjöbo, Budget 2025 med plan 2026-2027 (noter) (https://finansiellinfo.se/Sjobo/Budget-2025/Noter.html), "
     "ränta på pensionsavsättningar 2026 (plan)"),
    # the core's target
    ("result >= 2.0 % of tax revenue and general grants",
     "resultat ≥ 2,0 % av skatteintäkter och generella statsbidrag"),
])
def test_single_texts(english, swedish):
    assert i18n.translation(english) == swedish
    assert i18n.translate_text(english, "en") == english


def test_a_text_not_covered_is_none_and_shown_as_it_is():
    text = "a sentence no entry knows (my_file.csv)"
    assert i18n.translation(text) is None
    assert i18n.translate_text(text) == text
    assert i18n.untranslated([text, text, "given"]) == [text]
    # a vintage file of the user's own: its basis is not in the catalogue, so the whole text stays as written
    assert i18n.translation("vintage mine (2026): my own basis") is None
    with pytest.raises(ValueError, match="language"):
        i18n.translation("given", "de")


@pytest.mark.parametrize(("english", "swedish"), [("19,337", f"19{NBSP}337"), ("0.341", "0,341"),
                                                  ("-0.015", f"{MINUS}0,015"), ("+36,003", f"+36{NBSP}003"),
                                                  ("1656.2", f"1{NBSP}656,2"), ("2024", f"2{NBSP}024")])
def test_swedish_number(english, swedish):
    assert i18n.swedish_number(english) == swedish


def test_swedish_date():
    assert i18n.swedish_date("31 Dec 2024") == "31 december 2024"
    assert i18n.swedish_date("1 November 2023") == "1 november 2023"
    assert i18n.swedish_date("2024-11-01") == "1 november 2024"
    with pytest.raises(ValueError, match="date"):
        i18n.swedish_date("end of 2024")


#: The catalogue's text files (``sources*.po``: the generated texts and their patterns).
TEXT_FILES = sorted(p.name for p in (resources.files("kommunbudget.report") / "locale" / "sv" / "LC_MESSAGES").iterdir()
                    if p.name.startswith(i18n.TEXT_FILE_PREFIX) and p.name.endswith(".po"))


@pytest.mark.parametrize("file", TEXT_FILES)
def test_every_pattern_keeps_its_fields(file):
    """Each entry's translation has the same fields as its message id (a translator's slip fails here, naming the
    entry), every field's kind is one of i18n.FIELD_KINDS, and no entry is untranslated; in every text file
    (``sources*.po``)."""
    path = resources.files("kommunbudget.report") / "locale" / "sv" / "LC_MESSAGES" / file
    with path.open("rb") as handle:
        po = read_po(handle, locale="sv")
    field = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
    kinds = {k for k in i18n.FIELD_KINDS if k}  # "n_", "d_", ...: a name of the form "x_..." must use one
    entries = [m for m in po if m.id]
    assert len(entries) > (200 if file == "sources.po" else 0)
    for m in entries:
        assert m.string and not m.fuzzy, m.id
        assert set(field.findall(m.id)) == set(field.findall(m.string)), m.id
        for name in field.findall(m.id):
            assert not (len(name) > 2 and name[1] == "_") or name[:2] in kinds, (m.id, name)


# ----------------------------------------------------------------------------------------------------------------
# Labels and values
# ----------------------------------------------------------------------------------------------------------------


def test_assumption_labels():
    assert assumption_label("labour_cost_change") == "Lönekostnadsförändring (PKV, arbetskraft)"
    assert assumption_label("volume_growth:preschool") == "Volymtillväxt, förskola"
    assert assumption_label("grant_amount:cost_equalisation") == "Kostnadsutjämning, belopp"
    assert assumption_label("grant_growth:regulation_grant") == "Regleringsbidrag/-avgift, ökning"
    # a committee the budget names keeps its name
    assert assumption_label("volume_growth:Vård- och omsorgsnämnden") == "Volymtillväxt, Vård- och omsorgsnämnden"
    assert assumption_label("labour_cost_change", "en") == "Labour cost change (PKV, labour)"
    assert assumption_label("no_such_assumption") == "no_such_assumption"


def test_base_values_in_swedish():
    assert base_value_text("balance_requirement.negative_equity", False) == "nej"
    assert base_value_text("balance_requirement.negative_equity", True, "en") == "yes"
    assert base_value_text("balance_requirement.opening_deficits", "none") == "inga"
    assert base_value_text("balance_requirement.opening_deficits", "2023 4.8; 2022 1.0") == "2023: 4,8; 2022: 1,0"
    assert base_value_text("cost_lines", "preschool 138.0; compulsory_school 277.5; other_activities 634.5") == (
        "förskola 138,0; grundskola (förskoleklass och grundskola F-9) 277,5; övrig verksamhet 634,5")
    assert base_value_text("grant_items", "cost_equalisation -29.0; property_fee 53.7") == (
        f"Kostnadsutjämning {MINUS}29,0; Kommunal fastighetsavgift 53,7")
    assert base_value_text("capital.depreciation_classes", "buildings 70% over 33 years; equipment 30% over 7 years") \
        == f"byggnader 70{NBSP}% på 33 år; inventarier 30{NBSP}% på 7 år"
    assert base_value_text("tax_base_msek", 4757.6482) == f"4{NBSP}757,6"
    assert base_value_text("equalisation.guarantee_share", 1.15) == f"115{NBSP}%"
    assert base_value_text("capital.opening_debt_msek", -1.0) == "ej angiven"  # the core's "not given"


def test_every_measure_kind_and_shock_has_swedish_words():
    assert set(MEASURE_KINDS) <= set(MEASURE_KIND_WORDS)
    assert set(SHOCK_ORDER) <= set(SHOCK_LABELS)


def test_the_checklist_questions_in_swedish():
    entries = items()
    assert len(entries) == 19
    for entry in entries:
        assert entry.question_sv.endswith("?") and entry.question_sv != entry.question, entry.number
        assert not re.search(r"\b(the|and|of|which|what|our|we)\b", entry.question_sv), entry.number


def test_the_checklist_how_and_why_not_in_swedish():
    """Every topic says in Swedish how it is tested and, when no lever models it, why; the identifiers the English
    names (core types, presets, a target) are kept as written."""
    names = "|".join(re.escape(p.name) for p in presets())
    identifiers = re.compile(rf"Target\(kind=RESULT_SHARE, share=0\.02\)|\b[A-Z][a-z]+[A-Z]\w+\b|\b\w+_\w+\b|{names}")
    for entry in items():
        assert entry.how_sv and entry.how_sv != entry.how, entry.number
        assert bool(entry.why_not_sv) == bool(entry.why_not), entry.number
        for english, swedish in ((entry.how, entry.how_sv), (entry.why_not, entry.why_not_sv)):
            assert not re.search(r"\b(the|and|of|which|what|with|your|is|are|a|an|to)\b", swedish), (entry.number,
                                                                                                   swedish)
            kept = identifiers.findall(english)
            assert all(x in swedish for x in kept), (entry.number, [x for x in kept if x not in swedish])


#: A scenario with every measure kind whose text is generated, in each variant (scenarios/result.py
#: ``_measure_source`` and ``ScenarioResult.lever_notes``; analysis/benchmark.py ``area_gap_msek``): efficiency on a
#: service-area line, on all lines, on other_activities with and without its own net_share, on the gross cost of all
#: lines and of one line; work lines with the shares left at their defaults and given, with an own prisbasbelopp;
#: an NKA gap; premises targets on a given total and on the portfolio's; area gaps to peers by each rule and by name,
#: to Kolada's reference cost with the areas' notes, and on social assistance (the assistance note).
EVERY_MEASURE = """name = "alla varianter"
municipality = "Sjöbo"
horizon = 2029
premises_file = "portfolio.csv"
{measures}
"""
_MEASURES = [
    {"kind": "efficiency", "rate": 0.01, "cost_line": "elderly_care", "from_year": 2026},
    {"kind": "efficiency", "rate": 0.01, "from_year": 2026},
    {"kind": "efficiency", "rate": 0.01, "cost_line": "other_activities", "net_share": 0.6, "from_year": 2026},
    {"kind": "efficiency", "rate": 0.02, "cost_line": "other_activities", "from_year": 2027},
    {"kind": "efficiency", "rate": 0.01, "on_gross": True, "from_year": 2026},
    {"kind": "efficiency", "rate": 0.01, "on_gross": True, "cost_line": "preschool", "from_year": 2026},
    {"kind": "work_line", "baseline_households": 210.0, "cost_per_household_kr": 75045.0, "start_year": 2026,
     "target_reduction": 0.2, "share_into_work": 0.5, "earnings_per_person_kr": 240000.0,
     "price_base_amount_kr": {"2027": 60000.0}},
    {"kind": "work_line", "baseline_households": 100.0, "cost_per_household_kr": 75045.0, "start_year": 2027,
     "target_reduction": 0.1, "share_into_work": 0.4, "earnings_per_person_kr": 240000.0, "share_into_benefits": 0.2,
     "benefit_per_person_kr": 150000.0, "out_migration_share": 0.1, "inhabitants_per_household": 1.9},
    {"kind": "nka_gap", "net_cost_msek": 100.0, "net_cost_deviation_percent": 5.25, "share_closed": 0.25,
     "start_year": 2026},
    {"kind": "premises_target", "share": 0.1, "total_premises_cost_msek": 40.0, "start_year": 2027},
    {"kind": "premises_target", "share": 0.05, "start_year": 2027},
    *({"kind": "area_gap", "service_area": area, "share_closed": 0.5, "start_year": 2026, **extra}
      for area, extra in [("elderly_care", {}), ("preschool", {"basis": "nka"}),
                          ("individual_family_care", {"basis": "nka"}), ("social_assistance", {}),
                          ("compulsory_school", {"peers": ["Ystad", "Skurup", "Tomelilla"]}),
                          ("upper_secondary_school", {"peer_rule": "capacity"}),
                          ("disability_lss", {"peer_rule": "size"}), ("elderly_care", {"peer_rule": "county"})]),
]


def _toml_measures(measures: list[dict]) -> str:
    """``[[measures]]`` tables of ``measures``, named m1, m2, ..."""
    def value(v):
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, str):
            return f'"{v}"'
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        if isinstance(v, dict):
            return "{ " + ", ".join(f"{k} = {value(x)}" for k, x in v.items()) + " }"
        return repr(v)
    return "\n".join(f"[[measures]]\nname = \"m{i}\"\n" + "\n".join(f"{k} = {value(v)}" for k, v in m.items()) + "\n"
                     for i, m in enumerate(measures, 1))


def _measure_texts(result) -> list[str]:
    return [*result.measure_sources.values(), *result.lever_notes().values()]


def test_every_measure_text_is_covered(tmp_path):
    portfolio = resources.files("kommunbudget") / "data" / "files" / "scenarios" / "sjobo_premises_portfolio.csv"
    (tmp_path / "portfolio.csv").write_bytes(portfolio.read_bytes())
    (tmp_path / "all.toml").write_text(EVERY_MEASURE.format(measures=_toml_measures(_MEASURES)), encoding="utf-8")
    texts = _measure_texts(run_scenario(str(tmp_path / "all.toml")))
    assert len(texts) == 1 + 2 + 8 + 6 + 2  # nka_gap, 2 premises targets, 8 area gaps (sources); 6 + 2 lever notes
    # Gotland: no peers in its county, so the rule falls back to 'size' (the fallback's text inside the gap's)
    (tmp_path / "gotland.toml").write_text('name = "g"\nmunicipality = "Gotland"\nhorizon = 2028\n' + _toml_measures(
        [{"kind": "area_gap", "service_area": "individual_family_care", "share_closed": 0.5, "start_year": 2026}]),
        encoding="utf-8")
    gotland = _measure_texts(run_scenario(str(tmp_path / "gotland.toml")))
    assert "rule 'size' used instead" in gotland[0]
    # a budget's own service areas: an efficiency on a committee's line (the budget's net cost by area)
    budget = _template_example(tmp_path, every_option=True)
    (tmp_path / "own.toml").write_text(f'name = "b"\nbudget = "{budget.name}"\nhorizon = 2029\n' + _toml_measures(
        [{"kind": "efficiency", "rate": 0.01, "cost_line": "Vård- och omsorgsnämnden", "from_year": 2026}]),
        encoding="utf-8")
    own = _measure_texts(run_scenario(str(tmp_path / "own.toml")))
    assert "the budget's net cost by area" in own[0]
    missing = i18n.untranslated([*texts, *gotland, *own])
    assert not missing, "not in the Swedish catalogue (add an entry to sources_measures.po):\n" + "\n".join(missing)


@pytest.mark.parametrize(("english", "swedish"), [
    # an NKA gap: the file's keys kept, numbers the Swedish way
    ("gap to the reference cost: net_cost_msek 109.2 MSEK × NKA / (100 + NKA) with net_cost_deviation_percent "
     "11.17 % = 11.0 MSEK; share_closed 0.5 of it: 5.5 MSEK a year (base-year prices)",
     "gap mot referenskostnaden: net_cost_msek 109,2 mnkr × NKA / (100 + NKA) med net_cost_deviation_percent "
     "11,17 % = 11,0 mnkr; share_closed 0,5 av det: 5,5 mnkr per år (basårets priser)"),
    # a work line's note: a list of parts, each covered; the prisbasbelopp's figure kept as written
    ("share_into_work 0.5; share_into_benefits 0.2; out_migration_share 0; incomes enter the tax base after the basic "
     "deduction (IL 63 kap. 3 §), prisbasbelopp 2026 59 200 kr (data, prisbasbelopp.csv); after 2026 +2.0% a year "
     "(default, not data)",
     "andel till arbete (share_into_work) 0,5; andel till skattepliktiga ersättningar (share_into_benefits) 0,2; "
     "andel som flyttar från kommunen (out_migration_share) 0; inkomsterna kommer in i skatteunderlaget efter "
     "grundavdraget (IL 63 kap. 3 §), prisbasbelopp 2026 59 200 kr (data, prisbasbelopp.csv); efter 2026 +2,0 % per "
     "år (standardvärde, inte data)"),
    # an efficiency on a service area: the line's identifier in Swedish words
    ("0.8% of the net cost of elderly_care (a net-cost line: SCB's net cost by activity; fees and earmarked grants "
     "are grossed up on other_activities, so the rate acts on the whole line — give net_share or on_gross to change "
     "it)",
     "0,8 % av nettokostnaden för äldreomsorg (vård och omsorg om äldre) (en nettokostnadsrad: SCB:s nettokostnad per "
     "verksamhet; avgifter och riktade statsbidrag är bruttoredovisade på other_activities, så effektiviseringen "
     "verkar på hela raden — ange net_share eller on_gross för att ändra det)"),
    # an area gap to peers with a fallback rule: the list of peers kept, the share closed after it translated
    ("gap to peers: Gotland's net cost 2024 of elderly_care (SCB TAB4199, RS 510) 964.0 MSEK = 15 810 kr per "
     "inhabitant against the peers' median 13 691 kr × 60,971 inhabitants: 129.2 MSEK (90.8 öre); 74 peers (all "
     "Sweden, population 0.5-2 × 60,971 (30,486-121,942); rule 'county_size' (Gotlands län, population 0.5-2 × 60,971 "
     "(30,486-121,942)) finds 0 peer(s), fewer than min_peers = 3; rule 'size' used instead): Ale, Borås; "
     "share_closed 0.5 of 129.2 MSEK: 64.6 MSEK a year on cost line elderly_care",
     f"gap mot jämförelsekommunerna: nettokostnaden 2024 för äldreomsorg (vård och omsorg om äldre) i Gotland (SCB "
     f"TAB4199, RS 510) 964,0 mnkr = 15 810 kr per invånare mot jämförelsekommunernas median 13 691 kr × "
     f"60{NBSP}971 invånare: 129,2 mnkr (90,8 öre); 74 jämförelsekommuner (hela Sverige, befolkning 0,5–2 × "
     f"60{NBSP}971 (30{NBSP}486–121{NBSP}942); regeln 'county_size' (Gotlands län, befolkning 0,5–2 × 60{NBSP}971 "
     f"(30{NBSP}486–121{NBSP}942)) ger 0 jämförelsekommun(er), färre än min_peers = 3; regeln 'size' används i "
     f"stället): Ale, Borås; share_closed 0,5 av 129,2 mnkr: 64,6 mnkr per år på kostnadsraden äldreomsorg (vård och "
     f"omsorg om äldre)"),
])
def test_measure_texts(english, swedish):
    assert i18n.translation(english) == swedish


def test_every_benchmark_revenue_and_data_text_is_covered(tmp_path):
    """The texts `benchmark`, `explain-revenue`, `revenue-table` and `datasets` show: the benchmark's notes, sources,
    peer rules and fallbacks (each rule; Gotland, whose county has no peers; a municipality outside Skåne without NKA;
    Kolada's preliminary NKA), the revenue explanations' basis, sources and notes (an adopted budget, a base year it
    does not have, the approximate baseline, Gotland, a budget file) and the revenue table's sources, the data
    catalogue and the PKV vintages' sources."""
    texts: list[str] = []
    for name, rule, nka_year in [("Sjöbo", "county_size", 2024), ("Sjöbo", "capacity", 2025), ("Ystad", "size", 2024),
                                 ("Gotland", "county_size", 2024), ("Kiruna", "county", 2024)]:
        frame = benchmark(name, rule=rule, nka_year=nka_year)
        a = frame.attrs
        texts += [*a["notes"], *a["sources"].values(), a["peer_description"], *([a["peer_fallback"]] * bool(
            a["peer_fallback"]))]
        texts += [note.replace(assistance_note(), "").strip() for note in frame["note"] if note]
    texts.append(benchmark("Sjöbo", peers=["Ystad", "Skurup"]).attrs["peer_description"])
    for explained in (explain_revenue("Sjöbo"), explain_revenue("Sjöbo", base_year=2025), explain_revenue("Ystad"),
                      explain_revenue("Gotland"), explain_revenue(read_budget(_template_example(tmp_path, False)))):
        texts += [explained.basis, *(p.source for p in explained.sources.values()), *explained.notes]
    texts += list(municipal_revenue(2024).attrs["sources"].values())
    catalogue_ = data_sources()
    texts += [t for column in ("dataset", "primary_source", "flags") for t in catalogue_[column] if t]
    texts += [pkv_vintage(name).source for name in pkv_vintages()]
    missing = i18n.untranslated(t for t in texts if t)
    assert not missing, "not in the Swedish catalogue:\n" + "\n".join(missing)
