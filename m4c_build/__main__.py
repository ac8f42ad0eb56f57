import sys

from m4c_build.cli import main

sys.exit(main())
