"""The baselines layer: from the embedded data (or, later, a user's budget) to a
:class:`~kommunbudget.model.municipality.Municipality`.

- :func:`load` picks the baseline: an adopted budget held in full (:mod:`.adopted`) or the approximate baseline
  (:mod:`.approximate`);
- :mod:`.plan` derives the assumptions that reproduce a plan; :mod:`.grants` itemises general grants;
  :mod:`.revenue_inputs` carries SCB's figures to a budget year; :mod:`.vintages` holds the national assumption
  sets; :mod:`.service_lines` splits costs by service area.

This face re-exports for users; modules inside the package import the defining module.
"""
from kommunbudget.baselines.load import available_baselines, load

__all__ = ["available_baselines", "load"]
