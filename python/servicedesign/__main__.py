"""``python -m servicedesign``: the same command line as the ``servicedesign`` script."""

import sys

from .cli import main

sys.exit(main())
