"""The checklist: nineteen things to test before raising the municipal tax, each mapped to the model's levers.

The report the project is built from (a Swedish policy report, 2025, "check this before you raise the tax")
ends with nineteen questions. This module restates their topics **in the project's own words** and says, for
each, how the model can put a price on it:

* ``levers`` names the kinds of measure that value the topic (see :data:`LEVER_KINDS`); a topic with no
  lever is not modelled directly, and ``why_not`` says why;
* ``how`` says what to enter, with the report's examples as starting points (the presets of
  :mod:`kommunbudget.scenarios.presets` hold the figures).

:func:`checklist` turns a scenario result into a table of which topics were tested and what the measures
behind each are worth in öre on the tax rate (1 kr per 100 kr = 100 öre; positive = a better result).

The result is duck-typed: any object with

* ``measure_kinds: dict[str, str]`` — measure name -> lever kind (one of :data:`LEVER_KINDS`);
* ``measure_topics: dict[str, list[int]]`` — measure name -> the checklist numbers the user tagged it with
  (may be empty, or miss measures);
* ``measure_effects_ore: pandas.DataFrame`` — index = measure names, columns = years, values = the measure's
  effect on the result in öre on the tax rate.

Matching rule: a topic is *tested* when a measure is tagged with its number. If no measure carries any tag,
the topics are matched by kind instead: a measure tests every topic whose levers include its kind. (Once the
user tags anything, untagged measures count for no topic, so tags and kinds are never mixed.)

Numbers, not text: :func:`kommunbudget.report.checklist_text.checklist_text` words the table for the command line.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kommunbudget.model.measures import MEASURE_KINDS

__all__ = [
    "LEVER_KINDS",
    "ChecklistItem",
    "checklist",
    "item",
    "items",
]

#: The kinds of measure the model values, with the core type each one is built as (from the one registry,
#: :data:`kommunbudget.model.measures.MEASURE_KINDS`).
LEVER_KINDS: dict[str, str] = {name: kind.lever for name, kind in MEASURE_KINDS.items()}

_NOT_MODELLED_GOVERNANCE = (
    "A way of working, not a cost line: it makes savings possible but has no price of its own. "
    "The model values the measures it leads to; tag those with this number."
)
_NOT_MODELLED_GOVERNANCE_SV = (
    "Ett arbetssätt, inte en kostnadspost: det gör besparingar möjliga men har inget eget pris. Modellen värderar "
    "de åtgärder det leder till; märk dem med detta nummer."
)


@dataclass(frozen=True)
class ChecklistItem:
    """One topic of the checklist.

    Attributes
    ----------
    number : int
        1..19, the report's order.
    topic : str
        Short English name.
    question : str
        What to test, in the project's own words.
    swedish : str
        The Swedish term a municipal reader will recognise.
    question_sv : str
        The question in Swedish, as a council report shows it (the same question in the project's own words).
    levers : tuple[str, ...]
        Lever kinds (keys of :data:`LEVER_KINDS`) that value the topic; empty when not modelled directly.
    modelled : bool
        Whether a lever values the topic directly.
    why_not : str
        Why the topic is not modelled directly (empty when it is).
    how : str
        How to test it with the model, with the report's examples as starting points.
    why_not_sv : str
        ``why_not`` in Swedish, as the Swedish output shows it (empty when ``why_not`` is).
    how_sv : str
        ``how`` in Swedish, as the Swedish output shows it; identifiers (``FixedSaving``,
        ``Target(kind=RESULT_SHARE, share=0.02)``, preset names, file names) kept as they are.
    """

    number: int
    topic: str
    question: str
    swedish: str
    question_sv: str
    levers: tuple[str, ...]
    modelled: bool
    why_not: str
    how: str
    why_not_sv: str
    how_sv: str


_ITEMS: tuple[ChecklistItem, ...] = (
    ChecklistItem(
        number=1,
        topic="Goal steering",
        question=("Do a few measurable council goals decide what each committee spends, and is every goal "
                  "followed up against what it costs?"),
        swedish="målstyrning",
        question_sv=("Avgör ett fåtal mätbara mål i fullmäktige vad varje nämnd får kosta, och följs varje mål upp "
                     "mot vad det kostar?"),
        levers=(),
        modelled=False,
        why_not=_NOT_MODELLED_GOVERNANCE,
        how=("Tag the measures your goals produced with 1. A goal on the result itself is a target the model "
             "checks, e.g. Ödeshög's rule that the budget shows at least a 2 % result: "
             "Target(kind=RESULT_SHARE, share=0.02). Kävlinge's aim (among the most efficient tenth with quality "
             "among the best tenth) is priced through its cost side, a reference-cost gap (topic 4)."),
        why_not_sv=_NOT_MODELLED_GOVERNANCE_SV,
        how_sv=("Märk de åtgärder som era mål har lett till med 1. Ett mål för själva resultatet är ett resultatmål "
                "som modellen prövar, t.ex. Ödeshögs regel att budgeten ska visa ett resultat på minst 2 %: "
                "Target(kind=RESULT_SHARE, share=0.02). Kävlinges ambition (bland den tiondel av kommunerna som är "
                "mest kostnadseffektiv, med en kvalitet bland den bästa tiondelen) prissätts genom kostnadssidan, ett "
                "gap mot referenskostnaden (punkt 4)."),
    ),
    ChecklistItem(
        number=2,
        topic="Efficiency targets",
        question=("Does every committee carry an explicit productivity requirement, rather than having last "
                  "year's costs rolled forward with prices and volumes?"),
        swedish="effektiviseringskrav",
        question_sv=("Har varje nämnd ett uttalat effektiviseringskrav, i stället för att fjolårets kostnader räknas "
                     "upp med pris och volym?"),
        levers=("efficiency", "fixed_saving"),
        modelled=True,
        why_not="",
        how=("An EfficiencyMeasure: a yearly rate that compounds (e.g. 0.01 every year) or a one-off step, on "
             "one cost line or on all; or a FixedSaving of a known amount. Research on the potential (ESO 2016, "
             "DEA: 10-15 % after structural adjustment; Svenskt Näringsliv 2025: 28 % on average in four "
             "services) measures the distance to best practice: a ceiling, not a budget figure."),
        why_not_sv="",
        how_sv=("En EfficiencyMeasure: en årlig takt som ackumuleras (t.ex. 0,01 varje år) eller ett engångssteg, på "
                "en verksamhet eller på alla; eller en FixedSaving med ett känt belopp. Forskningen om potentialen "
                "(ESO 2016, DEA: 10–15 % efter justering för strukturella skillnader; Svenskt Näringsliv 2025: i "
                "genomsnitt 28 % i fyra verksamheter) mäter avståndet till bästa praxis: ett tak, inte en "
                "budgetsiffra."),
    ),
    ChecklistItem(
        number=3,
        topic="Cost of every decision",
        question=("Is every proposal put to a vote with its cost over the whole plan period, later years "
                  "included?"),
        swedish="ekonomisk konsekvensbeskrivning",
        question_sv=("Fattas varje beslut med dess kostnad över hela planperioden redovisad, de senare åren "
                     "inräknade?"),
        levers=(),
        modelled=False,
        why_not=("A decision procedure, not a saving. The model supplies the tool: any measure's effect in "
                 "MSEK and in öre on the tax rate."),
        how=("Run the proposal as a measure and attach its öre equivalent (tax_rate_equivalent_ore) to the "
             "decision; tag the measures the analysis changed with 3."),
        why_not_sv=("Ett sätt att fatta beslut, inte en besparing. Modellen ger verktyget: varje åtgärds effekt i mnkr "
                    "och i öre på skattesatsen."),
        how_sv=("Kör förslaget som en åtgärd och bifoga dess motsvarighet i öre (tax_rate_equivalent_ore) till "
                "beslutet; märk de åtgärder som analysen ändrade med 3."),
    ),
    ChecklistItem(
        number=4,
        topic="Costs against similar municipalities",
        question=("Where do our net costs exceed the reference cost for a municipality with our structure, "
                  "and what would closing part of that gap free?"),
        swedish="jämförelse med liknande kommuner, nettokostnadsavvikelse",
        question_sv=("Var ligger våra nettokostnader över referenskostnaden för en kommun med vår struktur, och vad "
                     "skulle det frigöra att sluta en del av gapet?"),
        levers=("area_gap", "nka_gap"),
        modelled=True,
        why_not="",
        how=("Close a share of a service area's gap over some years, as a FixedSaving (amount = share x gap in "
             "MSEK): kind area_gap computes the gap from the data, to the peers' median net cost per inhabitant "
             "(same county and size by default; kommunbudget benchmark shows them) or to Kolada's reference cost "
             "(NKA, embedded for Skåne in nettokostnadsavvikelse_skane.csv); kind nka_gap takes a figure you "
             "give. The report contrasts Solna (-56.4 %) and Sundbyberg (-5.5 %) in "
             "individual and family care 2024. A gap can also reflect quality or needs the reference misses."),
        why_not_sv="",
        how_sv=("Minska en verksamhets gap med en andel under några år, som en FixedSaving (belopp = andel × gap i "
                "mnkr): åtgärdstypen area_gap räknar fram gapet ur datan, mot jämförelsekommunernas median av "
                "nettokostnaden per invånare (som standard samma län och storleksklass; kommunbudget benchmark visar "
                "dem) eller mot Koladas referenskostnad (nettokostnadsavvikelse, NKA, inbäddad för Skåne i "
                "nettokostnadsavvikelse_skane.csv); åtgärdstypen nka_gap tar en siffra som du anger. Rapporten ställer "
                "Solna (−56,4 %) mot Sundbyberg (−5,5 %) inom individ- och familjeomsorgen 2024. Ett gap kan också "
                "spegla kvalitet eller behov som referenskostnaden inte fångar."),
    ),
    ChecklistItem(
        number=5,
        topic="Committees and decision paths",
        question=("Could fewer committees, shorter decision chains and a tidier organisation do the same work "
                  "for less?"),
        swedish="nämndorganisation och beslutsvägar",
        question_sv=("Kan färre nämnder, kortare beslutsvägar och en tydligare organisation göra samma arbete till "
                     "lägre kostnad?"),
        levers=(),
        modelled=False,
        why_not=("The reorganisation itself is not a model quantity. Where it has a known cost (politicians' "
                 "fees, a unit closed) that cost is a fixed saving tagged with 5."),
        how=("Preset orust-political-cost: Orust has halved the cost of its political activity since 2018 "
             "(a FixedSaving of half your own political cost). Sigtuna closed a four-person unit: four times your "
             "cost per employee, as a FixedSaving tagged 5."),
        why_not_sv=("Själva omorganisationen är ingen storhet i modellen. Där den har en känd kostnad (arvoden till "
                    "förtroendevalda, en enhet som läggs ned) är den kostnaden en fast besparing märkt med 5."),
        how_sv=("Förvalet orust-political-cost: Orust har halverat kostnaden för sin politiska verksamhet sedan 2018 "
                "(en FixedSaving på hälften av er egen kostnad för den politiska verksamheten). Sigtuna lade ned en "
                "enhet med fyra anställda: fyra gånger er kostnad per anställd, som en FixedSaving märkt med 5."),
    ),
    ChecklistItem(
        number=6,
        topic="Follow-up and cost control",
        question="Are costs followed during the year against the budget, with action when a committee overruns?",
        swedish="löpande uppföljning och kostnadskontroll",
        question_sv="Följs kostnaderna under året mot budgeten, med åtgärder när en nämnd överskrider den?",
        levers=(),
        modelled=False,
        why_not=("Control prevents overruns rather than producing a saving of its own; the model projects the "
                 "budget as adopted."),
        how=("Re-run the projection on each forecast to see the gap to the requirement early. Sigtuna "
             "centralised its controllers. A known effect of the change is a FixedSaving tagged 6."),
        why_not_sv=("Uppföljning förebygger överskridanden snarare än ger en egen besparing; modellen skriver fram "
                    "budgeten som den är antagen."),
        how_sv=("Kör om framskrivningen vid varje prognos för att tidigt se gapet till balanskravet. Sigtuna "
                "centraliserade sina controllerfunktioner. En känd effekt av förändringen är en FixedSaving märkt med "
                "6."),
    ),
    ChecklistItem(
        number=7,
        topic="Private providers in welfare",
        question=("Have we tested whether private providers could run parts of welfare at a lower cost per "
                  "unit for the same quality?"),
        swedish="privata utförare i välfärden",
        question_sv=("Har vi prövat om privata utförare kan driva delar av välfärden till lägre kostnad per enhet "
                     "med samma kvalitet?"),
        levers=("efficiency", "fixed_saving"),
        modelled=True,
        why_not="",
        how=("The model holds no estimate of the effect: enter your own, the cost difference per unit times the "
             "volume moved, as a FixedSaving (or a one-off EfficiencyMeasure on the line). The report notes that "
             "Täby, the most efficient, buys 43.1 % of its activity from private providers, the five least "
             "efficient under 10 % (Storuman 3.8 %, 2024): shares that describe, not savings that were measured."),
        why_not_sv="",
        how_sv=("Modellen har ingen egen skattning av effekten: ange er egen, kostnadsskillnaden per enhet gånger den "
                "volym som flyttas, som en FixedSaving (eller en EfficiencyMeasure som engångssteg på verksamheten). "
                "Rapporten noterar att Täby, den mest kostnadseffektiva kommunen, köper 43,1 % av sin verksamhet från "
                "privata utförare och de fem minst kostnadseffektiva under 10 % (Storuman 3,8 %, 2024): andelar som "
                "beskriver, inte besparingar som har mätts."),
    ),
    ChecklistItem(
        number=8,
        topic="Digitalised case handling",
        question=("Which case-handling flows (applications for assistance, permits, invoices) could be "
                  "automated, and what would that free?"),
        swedish="digitaliserad och automatiserad handläggning",
        question_sv=("Vilka handläggningsflöden (ansökningar om bistånd, tillstånd, fakturor) kan automatiseras, och "
                     "vad skulle det frigöra?"),
        levers=("efficiency", "fixed_saving"),
        modelled=True,
        why_not="",
        how=("Estimate the effect yourself. Starting point: preset staffanstorp-case-handling (case handling "
             "30 % more efficient after automation: the same cases at 1/1.3 of the cost, a saving of about "
             "23 % on the case-handling part of a line, not on the whole line)."),
        why_not_sv="",
        how_sv=("Skatta effekten själv. Utgångspunkt: förvalet staffanstorp-case-handling (handläggningen 30 % "
                "effektivare efter automatisering: samma ärenden till 1/1,3 av kostnaden, en besparing på cirka 23 % "
                "på den del av verksamheten som är handläggning, inte på hela verksamheten)."),
    ),
    ChecklistItem(
        number=9,
        topic="Digital tools and AI in welfare",
        question=("Where in home care, schools and care could digital tools or AI cut hours, overtime or "
                  "travel?"),
        swedish="välfärdsteknik och AI",
        question_sv=("Var i hemtjänsten, skolan och omsorgen kan digitala verktyg eller AI minska arbetstimmar, "
                     "övertid eller resor?"),
        levers=("efficiency", "fixed_saving"),
        modelled=True,
        why_not="",
        how=("Estimate the effect yourself. Starting points: preset tjorn-scheduling (AI scheduling in home "
             "care: overtime -70 %, substitutes -30 %, applied to your own costs of each); Sjöbo's digital "
             "home-care visits (about a tenth of users after six months; about 7.5 visiting hours and 175 km of "
             "travel a week saved: value them at your own cost per hour and per km)."),
        why_not_sv="",
        how_sv=("Skatta effekten själv. Utgångspunkter: förvalet tjorn-scheduling (AI-schemaläggning i hemtjänsten: "
                "övertid −70 %, vikarier −30 %, tillämpat på era egna kostnader för vardera); Sjöbos digitala "
                "hemtjänstbesök (ungefär en tiondel av brukarna efter sex månader; ungefär 7,5 besökstimmar och 175 km "
                "resor sparade per vecka: värdera dem till er egen kostnad per timme och per km)."),
    ),
    ChecklistItem(
        number=10,
        topic="Welfare staff on core tasks",
        question=("Do teachers, nurses and care staff spend their hours on their core task, or on work that "
                  "someone or something else could do more cheaply?"),
        swedish="personalens tid för kärnuppdraget",
        question_sv=("Ägnar lärare, sjuksköterskor och omsorgspersonal sin arbetstid åt kärnuppdraget, eller åt "
                     "uppgifter som någon annan eller något annat kunde utföra billigare?"),
        levers=(),
        modelled=False,
        why_not=("A review of how time is used. It saves money only when the freed time becomes fewer hours "
                 "bought or fewer posts; the model values that step, not the review."),
        how="When the review yields a figure, enter it as an EfficiencyMeasure or FixedSaving tagged 10.",
        why_not_sv=("En genomgång av hur arbetstiden används. Den sparar pengar först när den frigjorda tiden blir "
                    "färre köpta timmar eller färre tjänster; modellen värderar det steget, inte genomgången."),
        how_sv="När genomgången ger en siffra, ange den som en EfficiencyMeasure eller FixedSaving märkt med 10.",
    ),
    ChecklistItem(
        number=11,
        topic="Full-time activation for aid recipients",
        question=("Are recipients of social assistance who are able to work required to take part in "
                  "full-time activity from the start?"),
        swedish="krav på heltidsaktivering",
        question_sv=("Krävs det att den som får ekonomiskt bistånd och kan arbeta deltar i heltidsaktivitet från "
                     "första dagen?"),
        levers=("work_line",),
        modelled=True,
        why_not="",
        how=("A WorkLinePolicy: households off assistance (target reduction, ramp), the share going into work, "
             "their earnings, and the yearly cost of caseworkers and activity places. The report finds only "
             "23 % of municipalities require full-time activation; Växjö (from 2012) and Skurup (2019) saw "
             "households and costs fall after introducing it."),
        why_not_sv="",
        how_sv=("En WorkLinePolicy: hushåll som lämnar det ekonomiska biståndet (minskningsmål, upptrappning), andelen "
                "som går till arbete, deras arbetsinkomster och den årliga kostnaden för handläggare och "
                "aktivitetsplatser. Rapporten finner att bara 23 % av kommunerna kräver heltidsaktivering; i Växjö "
                "(från 2012) och Skurup (2019) minskade antalet hushåll och kostnaderna efter att kravet infördes."),
    ),
    ChecklistItem(
        number=12,
        topic="Business climate",
        question=("Do planning, permits and procurement make it easy to start and grow a business, so that "
                  "more residents work and pay tax?"),
        swedish="företagsklimat",
        question_sv=("Gör planering, tillstånd och upphandling det lätt att starta och utveckla företag, så att fler "
                     "invånare arbetar och betalar skatt?"),
        levers=(),
        modelled=False,
        why_not=("The path from business climate to the tax base is long and indirect, and the model has no "
                 "estimate of it."),
        how=("If you have a credible estimate of more residents in work, enter it through the work line "
             "(topics 13 and 15) or as an earned-income change, and tag it with 12; otherwise report the topic "
             "as not tested."),
        why_not_sv=("Vägen från företagsklimat till skatteunderlag är lång och indirekt, och modellen har ingen "
                    "skattning av den."),
        how_sv=("Om ni har en trovärdig skattning av fler invånare i arbete, ange den genom arbetslinjen (punkt 13 och "
                "15) eller som en ändring av förvärvsinkomsterna, och märk den med 12; redovisa annars punkten som "
                "inte prövad."),
    ),
    ChecklistItem(
        number=13,
        topic="A municipal work line",
        question=("Is the whole organisation aimed at moving people from assistance into work, and is the "
                  "outcome followed in households and kronor?"),
        swedish="kommunal arbetslinje",
        question_sv=("Är hela organisationen inriktad på att få människor från bistånd till arbete, och följs "
                     "resultatet upp i hushåll och kronor?"),
        levers=("work_line",),
        modelled=True,
        why_not="",
        how=("A WorkLinePolicy. Presets solna-households (Solna: 2 197 households on assistance in 1998, 337 in "
             "2018, a steady fall of about 9 % a year) and national-assistance-2024 (cost per household in the "
             "national statistics). The model shows saved assistance, tax on new earnings two years later, the "
             "equalisation that offsets it and the policy's cost apart: most of the gain is the saved assistance."),
        why_not_sv="",
        how_sv=("En WorkLinePolicy. Förvalen solna-households (Solna: 2 197 hushåll med ekonomiskt bistånd 1998, 337 "
                "år 2018, en jämn minskning med ungefär 9 % per år) och national-assistance-2024 (kostnad per hushåll "
                "enligt den nationella statistiken). Modellen redovisar var för sig sparat bistånd, skatt på nya "
                "arbetsinkomster två år senare, utjämningen som motverkar den och åtgärdens kostnad: det mesta av "
                "vinsten är det sparade biståndet."),
    ),
    ChecklistItem(
        number=14,
        topic="Stopping labour-market measures that fail",
        question=("Which of our labour-market programmes do not lead to jobs, and what would stopping them "
                  "save?"),
        swedish="avveckla verkningslösa arbetsmarknadsåtgärder",
        question_sv=("Vilka av våra arbetsmarknadsinsatser leder inte till arbete, och vad skulle det spara att "
                     "avveckla dem?"),
        levers=("work_line", "fixed_saving"),
        modelled=True,
        why_not="",
        how=("A FixedSaving of the programme's net cost; if the money moves to measures that work, a "
             "WorkLinePolicy too. IFAU (2021): jobs at ordinary workplaces did better than constructed ones. "
             "Moving people from assistance to unemployment insurance saves assistance but adds no earnings: keep "
             "them out of share_into_work."),
        why_not_sv="",
        how_sv=("En FixedSaving med programmets nettokostnad; om pengarna flyttas till insatser som fungerar, även en "
                "WorkLinePolicy. IFAU (2021): anställningar på vanliga arbetsplatser gav bättre resultat än särskilt "
                "konstruerade. Att flytta personer från ekonomiskt bistånd till arbetslöshetsförsäkringen sparar "
                "bistånd men ger inga arbetsinkomster: håll dem utanför share_into_work."),
    ),
    ChecklistItem(
        number=15,
        topic="Businesses in job matching",
        question="Do local employers take part in matching people on assistance to real vacancies?",
        swedish="näringslivet i matchningen",
        question_sv=("Deltar lokala arbetsgivare i att matcha personer med ekonomiskt bistånd mot verkliga lediga "
                     "jobb?"),
        levers=("work_line",),
        modelled=True,
        why_not="",
        how=("A WorkLinePolicy with a high share into work. Burlöv: Costco hired 200 people in 2025, 70 % from "
             "Burlöv and 30 directly from assistance (persons, not necessarily households)."),
        why_not_sv="",
        how_sv=("En WorkLinePolicy med en hög andel till arbete. Burlöv: Costco anställde 200 personer 2025, 70 % från "
                "Burlöv och 30 direkt från ekonomiskt bistånd (personer, inte nödvändigtvis hushåll)."),
    ),
    ChecklistItem(
        number=16,
        topic="Skills-raising at the labour-market unit",
        question=("Do those enrolled at the labour-market unit gain skills employers ask for, or are they "
                  "mainly kept occupied?"),
        swedish="kompetenshöjande insatser i arbetsmarknadsenheten",
        question_sv=("Får de som är inskrivna vid arbetsmarknadsenheten kompetens som arbetsgivarna efterfrågar, "
                     "eller hålls de mest sysselsatta?"),
        levers=("work_line",),
        modelled=True,
        why_not="",
        how=("A WorkLinePolicy (share into work, earnings per person) against its implementation cost. Växjö "
             "pays adult-education providers 80 % per completed credit and 20 % at a pass grade, and closed its "
             "own unit in 2020 rather than add 7.5 MSEK (a cost avoided: a FixedSaving tagged 16)."),
        why_not_sv="",
        how_sv=("En WorkLinePolicy (andel till arbete, arbetsinkomst per person) mot dess genomförandekostnad. Växjö "
                "betalar vuxenutbildningens anordnare 80 % per avklarad poäng och 20 % vid godkänt betyg, och lade "
                "2020 ned sin egen enhet i stället för att skjuta till 7,5 mnkr (en undviken kostnad: en FixedSaving "
                "märkt med 16)."),
    ),
    ChecklistItem(
        number=17,
        topic="Premises not in use",
        question="Which premises stand empty or half-used, and what would selling, letting or vacating them free?",
        swedish="outnyttjade lokaler",
        question_sv=("Vilka lokaler står tomma eller halvtomma, och vad skulle det frigöra att sälja, hyra ut eller "
                     "lämna dem?"),
        levers=("disposal", "premises_target"),
        modelled=True,
        why_not="",
        how=("A Disposal of the Property: the gain on sale counts in the result but not in the balanced-budget "
             "result; running cost and depreciation stop; interest falls if the proceeds repay debt; rent is "
             "paid if the need remains. Or a premises target (presets vaxjo-premises, lomma-premises-target). "
             "Haninge: closing a school improved the school budget by about 55 MSEK, while its pool of vacant "
             "premises runs a deficit of about 50 MSEK; selling does not help if the need returns."),
        why_not_sv="",
        how_sv=("En Disposal (försäljning) av fastigheten: reavinsten räknas i resultatet men inte i "
                "balanskravsresultatet; driftkostnad och avskrivningar upphör; räntekostnaden minskar om "
                "köpeskillingen amorterar lån; hyra betalas om behovet finns kvar. Eller ett lokalkostnadskrav "
                "(förvalen vaxjo-premises, lomma-premises-target). Haninge: att stänga en skola förbättrade skolans "
                "budget med ungefär 55 mnkr, medan kommunens bestånd av tomma lokaler går med ett underskott på "
                "ungefär 50 mnkr; att sälja hjälper inte om behovet kommer tillbaka."),
    ),
    ChecklistItem(
        number=18,
        topic="Cost responsibility for premises",
        question=("Does each committee pay for the space it uses, so that giving space up saves money in its "
                  "own budget?"),
        swedish="tydligt kostnadsansvar för lokaler",
        question_sv=("Betalar varje nämnd för de lokaler den använder, så att det sparar pengar i den egna budgeten "
                     "att lämna lokaler?"),
        levers=("premises_target",),
        modelled=True,
        why_not="",
        how=("A savings requirement on total premises cost, as a FixedSaving. Presets lomma-premises-target "
             "(10 % of premises costs, 20 MSEK, which led to sales) and vaxjo-premises (social services premises: "
             "20 %, about 9 MSEK, estimated; a third, about 16 MSEK, achieved). Botkyrka (PwC 2023): 60 % of the "
             "stock had no internal rent agreement."),
        why_not_sv="",
        how_sv=("Ett sparkrav på de totala lokalkostnaderna, som en FixedSaving. Förvalen lomma-premises-target (10 % "
                "av lokalkostnaderna, 20 mnkr, vilket ledde till försäljningar) och vaxjo-premises (socialtjänstens "
                "lokaler: 20 %, ungefär 9 mnkr, beräknat; en tredjedel, ungefär 16 mnkr, uppnått). Botkyrka (PwC "
                "2023): för 60 % av beståndet fanns inget internhyresavtal."),
    ),
    ChecklistItem(
        number=19,
        topic="Housing on market terms",
        question=("Does the municipality own housing that could be run on market terms or sold, releasing "
                  "capital and running cost?"),
        swedish="bostadsbestånd på marknadsmässiga villkor",
        question_sv=("Äger kommunen bostäder som kunde drivas på marknadsmässiga villkor eller säljas, så att "
                     "kapital och driftkostnader frigörs?"),
        levers=("disposal",),
        modelled=True,
        why_not="",
        how=("A Disposal of the property (price, book value, running cost, debt repaid). Examples in "
             "lokaler_exempel.csv and resultatrakningar_exempel.csv, e.g. Lomma's 2022 result included gains "
             "from selling tenant-owned flats and land. Gains help the result, not the balanced-budget result."),
        why_not_sv="",
        how_sv=("En Disposal (försäljning) av fastigheten (pris, bokfört värde, driftkostnad, lån som amorteras). "
                "Exempel i lokaler_exempel.csv och resultatrakningar_exempel.csv, t.ex. ingick vinster från "
                "försäljning av bostadsrätter och mark i Lommas resultat 2022. Vinsterna hjälper resultatet, inte "
                "balanskravsresultatet."),
    ),
)

_COLUMNS = ["number", "topic", "question", "levers", "modelled", "tested", "worth_ore_first_year",
            "worth_ore_last_year", "worth_ore_sum", "measures"]


def items() -> list[ChecklistItem]:
    """The nineteen checklist items, numbered 1..19 in the report's order (a fresh list of frozen items)."""
    return list(_ITEMS)


def item(number: int) -> ChecklistItem:
    """The checklist item with this number.

    Raises
    ------
    ValueError
        If `number` is not 1..19.
    """
    for entry in _ITEMS:
        if entry.number == number and not isinstance(number, bool):
            return entry
    raise ValueError(f"number: no checklist item {number!r}; the items are numbered 1-{len(_ITEMS)}")


# ----------------------------------------------------------------------------------------------------------
# Matching a result to the checklist
# ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Row:
    tested: bool
    measures: tuple[str, ...]
    first: float
    last: float
    total: float


def _read_result(result: Any) -> tuple[dict[str, str], dict[str, list[int]], pd.DataFrame]:
    kinds = {str(name): str(kind) for name, kind in dict(getattr(result, "measure_kinds", None) or {}).items()}
    topics_raw = dict(getattr(result, "measure_topics", None) or {})
    effects = getattr(result, "measure_effects_ore", None)
    if effects is None:
        effects = pd.DataFrame()
    if not isinstance(effects, pd.DataFrame):
        raise TypeError(f"measure_effects_ore: expected a pandas DataFrame, got {type(effects).__name__}")
    topics: dict[str, list[int]] = {}
    for name, numbers in topics_raw.items():
        checked = []
        for number in numbers or ():
            if isinstance(number, bool) or not isinstance(number, int) or not 1 <= number <= len(_ITEMS):
                raise ValueError(f"measure_topics[{name!r}]: {number!r} is not a checklist number; "
                                 f"the items are numbered 1-{len(_ITEMS)}")
            checked.append(number)
        topics[str(name)] = checked
    effects = effects.apply(pd.to_numeric, errors="coerce").astype(float).fillna(0.0)
    effects.index = effects.index.map(str)
    if not effects.index.is_unique:  # one row per measure: rows of the same name add up
        effects = effects.groupby(level=0, sort=False).sum()
    return kinds, topics, effects


def _match(result: Any) -> dict[int, _Row]:
    """Per checklist number: tested, the matching measures and their combined worth in öre."""
    if result is None:
        return {entry.number: _Row(False, (), 0.0, 0.0, 0.0) for entry in _ITEMS}
    kinds, topics, effects = _read_result(result)
    names = list(dict.fromkeys([*kinds, *topics, *(str(n) for n in effects.index)]))
    by_tags = any(topics.get(name) for name in names)
    rows: dict[int, _Row] = {}
    for entry in _ITEMS:
        if by_tags:
            matched = tuple(name for name in names if entry.number in topics.get(name, ()))
        else:
            matched = tuple(name for name in names if kinds.get(name) in entry.levers)
        rows[entry.number] = _worth(matched, effects)
    return rows


def _worth(matched: tuple[str, ...], effects: pd.DataFrame) -> _Row:
    if not matched:
        return _Row(False, (), 0.0, 0.0, 0.0)
    present = [name for name in matched if name in effects.index]
    if not present or effects.shape[1] == 0:
        return _Row(True, matched, 0.0, 0.0, 0.0)
    block = effects.loc[present]
    combined = block.sum(axis=0)
    active = (block != 0.0).any(axis=0).to_numpy()
    first = float(combined.iloc[int(active.argmax())]) if active.any() else 0.0
    last = float(combined.iloc[-1])
    total = float(combined.sum())
    return _Row(True, matched, _clean(first), _clean(last), _clean(total))


def _clean(value: float) -> float:
    return 0.0 if not math.isfinite(value) else value + 0.0  # + 0.0 turns -0.0 into 0.0


def checklist(result: Any = None) -> pd.DataFrame:
    """The checklist as a table, with what a scenario tested and what it is worth.

    Parameters
    ----------
    result : object, optional
        A scenario result with ``measure_kinds``, ``measure_topics`` and ``measure_effects_ore`` (see the
        module docstring). Without it every topic is untested and worth 0.

    Returns
    -------
    pandas.DataFrame
        One row per topic (19), columns: ``number``, ``topic``, ``question``, ``levers`` (lever kinds joined by
        ", "; empty when not modelled), ``modelled``, ``tested``, ``worth_ore_first_year`` (the combined
        effect of the matching measures in the first year in which any of them has an effect),
        ``worth_ore_last_year``, ``worth_ore_sum`` (over all years), all in öre on the tax rate (positive = a
        better result; missing values count as 0), and ``measures`` (the matching measures' names joined by
        ", ").

    Raises
    ------
    ValueError
        If a measure is tagged with a number that is not 1..19.
    TypeError
        If ``measure_effects_ore`` is not a DataFrame.
    """
    rows = _match(result)
    records = []
    for entry in _ITEMS:
        row = rows[entry.number]
        records.append({
            "number": entry.number,
            "topic": entry.topic,
            "question": entry.question,
            "levers": ", ".join(entry.levers),
            "modelled": entry.modelled,
            "tested": row.tested,
            "worth_ore_first_year": row.first,
            "worth_ore_last_year": row.last,
            "worth_ore_sum": row.total,
            "measures": ", ".join(row.measures),
        })
    table = pd.DataFrame.from_records(records, columns=_COLUMNS)
    return table.astype({"number": "int64", "modelled": "bool", "tested": "bool", "worth_ore_first_year": "float64",
                         "worth_ore_last_year": "float64", "worth_ore_sum": "float64"})
