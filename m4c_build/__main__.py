import sys

from m4c_build.adapters.cli import main

sys.exit(main())
