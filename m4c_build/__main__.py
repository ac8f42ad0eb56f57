"""``python -m m4c_build``: the ``m4c`` command."""

import sys

from m4c_build.adapters.cli import main

sys.exit(main())
