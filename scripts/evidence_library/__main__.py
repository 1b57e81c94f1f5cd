import sys

from evidence_library.cli import main

sys.exit(main())
