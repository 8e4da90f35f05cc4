"""The spot-check report: the source and the extraction side by side, for one document or a batch.

``build`` writes the pages (jinja2 templates in ``templates/``, autoescaped), ``view`` turns a
result into what they show, ``boxes`` maps text offsets to the PDF's glyph boxes, ``pages``
renders page images (pypdfium2, under ``PDFIUM_LOCK``), ``suspicion`` says which documents of
a batch to check first.  Runs ``parse`` for documents given as files, so it comes after ``api``.
"""
