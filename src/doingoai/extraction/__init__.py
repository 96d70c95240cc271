"""Reading plan documents: the records a person reads from them.

This package has no Django import: it turns a file (the text form of the
seeds, Word ``.docx`` or Excel ``.xlsx``) into plain records (delegations,
agreements, the document itself) so that it can be tested and reused alone.
The web application stores what it returns.

    >>> from doingoai.extraction import extract_path
    >>> result = extract_path("samples/plans/000_a618b5443e25bb90.txt")
    >>> result.delegations[0]["countries"]
    ['LA']
"""

from doingoai.extraction.errors import ExtractionError
from doingoai.extraction.pipeline import ExtractionResult, extract_bytes, extract_path

__all__ = ["ExtractionError", "ExtractionResult", "extract_bytes", "extract_path"]
