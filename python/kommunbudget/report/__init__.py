"""The report layer: what people read. Number formats, text tables, JSON and CSV documents and charts, drawn from
the numbers of the layers below (``docs/architecture.md``).

Modules inside the package import the defining module, not this face.
"""
