"""The plugin's skilldex: this plugin's own source (src/ beside hooks/), run with the environment's dependencies."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src"))
sys.argv[0] = "skilldex"

from skilldex.cli import main  # noqa: E402  (after the path it comes from)

sys.exit(main())
