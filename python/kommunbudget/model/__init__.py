"""The model layer: the only layer that reaches the compiled core, through :mod:`.core` (the one door).

- :mod:`.core`: the core's types and functions (``docs/model.md`` has every equation);
- :mod:`.assumptions`: yearly assumptions with their provenance; :mod:`.defaults`: documented default figures;
- :mod:`.municipality` and :mod:`.projection`: a baseline and its projected income statement; :mod:`.batch`: many
  shocked variants of a baseline in one call;
- :mod:`.targets`, :mod:`.measures` (the one registry of measure kinds), :mod:`.lines` (the one label table),
  :mod:`.years`, :mod:`.limits` (every input's allowed range, read from the core's table, ``docs/model.md`` §14).

Modules inside the package import the defining module, not this face.
"""
