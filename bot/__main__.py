"""`python -m bot` is the `dzwonek` command."""

import sys

from bot.cli import main

sys.exit(main())
