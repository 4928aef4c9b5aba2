"""Building zfgk's packaged catalogues from their source documents.

Two stages, kept apart so that a third source format can be added beside
the others:

1. *Reading* (``read_*.py``): a source text becomes :class:`~zfgk_build.rows.SourceRow`
   objects, one per table row, each with its line number and its cells
   verbatim.  A reader knows the layout of one kind of text and nothing of
   what the cells mean.
2. *Building* (``chongqing.py``, ``shanyin.py``, with the shared rules of
   ``cells.py`` and the package's :mod:`zfgk.fields`): rows become the :class:`zfgk.Catalogue`
   records, with every judgement recorded in the data (``inferred``, an element's
   ``notes``, the catalogue's ``notes``).  A judgement is a :class:`zfgk.model.Note`:
   an English template marked with ``N_`` and its values, so that zfgk says it in
   the reader's language; ``tools/update_po.py`` collects the templates from here
   too, and each needs its Chinese in ``zfgk.po``.

``tools/build_data.py`` runs both and writes ``src/zfgk/data/``.
"""
