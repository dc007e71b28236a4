"""The command-line layer: ``kommunbudget`` and its subcommands (``kommunbudget --help``).

- :mod:`.main`: :func:`~kommunbudget.cli.main.main`, the console script (and ``python -m kommunbudget``);
- :mod:`.parser`: the argument parser and the table of subcommand modules; :mod:`.errors`: the command line's own
  input error; :mod:`.output`: writing to stdout or to a file (``--out``, ``--chart``);
- :mod:`.common`: the steps ``project``, ``solve`` and ``compare`` share;
- one module per subcommand, each with ``run(args) -> Document``: :mod:`.project`, :mod:`.solve`, :mod:`.compare`,
  :mod:`.explain_revenue`, :mod:`.revenue_table`, :mod:`.benchmark`, :mod:`.scenario`, :mod:`.checklist`,
  :mod:`.vintages`, :mod:`.datasets`.

This package imports nothing heavy, so ``--help`` and ``--version`` stay fast: a subcommand's module (and with it
pandas) is imported only when that subcommand runs. Modules inside the package import the defining module, not this
face.
"""
