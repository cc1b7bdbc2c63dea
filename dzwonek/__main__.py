"""`python -m dzwonek` is the `dzwonek` command."""

import sys

from dzwonek.cli import main

sys.exit(main())
