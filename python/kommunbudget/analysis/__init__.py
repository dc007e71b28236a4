"""The analysis layer: numbers drawn from projections, not text.

- :mod:`.comparison`: raise the tax, or make efficiency savings worth the same;
- :mod:`.revenue`: the revenue of all 290 (approximate) and one municipality's revenue explained;
- :mod:`.benchmark`: net cost by service area against peers and Kolada's reference cost (NKA);
- :mod:`.vintages`: what a change of assumption vintage does.

Modules inside the package import the defining module, not this face.
"""
