"""Building zfgk's packaged catalogues from their source documents.

Two stages, kept apart so that a third source format can be added beside
the others:

1. *Reading* (``read_*.py``): a source text becomes :class:`~zfgk_build.rows.SourceRow`
   objects, one per table row, each with its line number and its cells
   verbatim.  A reader knows the layout of one kind of text and nothing of
   what the cells mean.
2. *Building* (``chongqing.py``, ``shanyin.py``, with the shared rules of
   ``cells.py`` and the package's :mod:`zfgk.fields`): rows become the :class:`zfgk.Catalogue`
   records, with every judgement recorded in the data (``inferred``, ``note``).

``tools/build_data.py`` runs both and writes ``src/zfgk/data/``.
"""
