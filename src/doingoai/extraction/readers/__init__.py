"""Readers: each turns one file format into a ``SourceDocument``.

* ``text``: the text form of converted plans (tab-separated rows, HTML in cells);
* ``docx``: Word documents, body paragraphs and tables in document order;
* ``xlsx``: Excel workbooks, every visible sheet's used rows;
* ``safety``: the checks every zip-based file passes before a library opens it
  (zip bombs, too many members, XML entity declarations).

All readers write cell text with the same light inline markup (``<b>``,
``<i>``, ``<sup>``, ``<li>``; the characters ``&``, ``<`` and ``>`` of the
text itself escaped as HTML entities in the Word and Excel readers) and raise
only ``ExtractionError`` with a Vietnamese message naming the file.
"""
