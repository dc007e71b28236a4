"""The report layer: what people read. Number formats, text tables, JSON and CSV documents and charts, drawn from
the numbers of the layers below (``docs/architecture.md``).

- :mod:`.formats`: how each unit's numbers are written; :mod:`.text`: text tables, titles, legends and the shared
  sections (assumptions, base-year sources, notes);
- :mod:`.documents`: a command's output as a Document, rendered as text, JSON or CSV;
- :mod:`.revenue_text`: the revenue bridge's rows and the revenue explained in words; :mod:`.checklist_text`: the
  checklist as text;
- :mod:`.plots`: charts (matplotlib);
- :mod:`.council`: a scenario's council report (one HTML page);
- :mod:`.i18n`: languages (numbers, units, dates, the gettext catalogue, the Swedish of generated texts);
  :mod:`.assumption_labels`: the labels of assumptions, base-year fields, measure kinds and shocks;
- :mod:`.teaching`: the teaching panel of notebook 07 and ``kommunbudget teach`` (ipywidgets).

Modules inside the package import the defining module, not this face.
"""
