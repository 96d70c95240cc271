"""``python -m doingoai.cli``: the same as the ``doingoai`` command."""

import sys

from doingoai.cli import main

sys.exit(main())
