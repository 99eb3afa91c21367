"""The weights of the evidence `importance` scores items by, and the floors its readers compare scores with.

Apart from `importance` (which compiles its regexes and loads hook rules and markdown on import), so the
session-start brief reads the floors without any of that.
"""

GUIDE = 4  # named in the repo's guidance for people and agents
CITED = 1  # per other skill, command, agent or doc that names it (at most MAX_CITED)
MAX_CITED = 3
DOCUMENTED = 1  # a task its author described
HOW_TO = 2  # RELEASING.md, DEPLOYMENT.md, TESTING.md: a guide named for the process it explains
COPY = -2  # `cd apps/api && pnpm run test` when the root `pnpm test` runs them all
SERVICE = -1  # a compose service no guide names: part of the stack more than a tool
INTERNAL = -8  # below anything with no evidence: never a headline
RECORD = -8
BROAD = -5  # README, CLAUDE.md at the root: listed, never one capability's headline
INSTALLED = -6  # a skill a package installed (boost.json, skills-lock.json): below the repo's own, never a headline
FORBIDDEN = -20  # what the repo's rules tell agents not to run: marked, never recommended
FORBIDDEN_FLOOR = -15
HEADLINE_FLOOR = -4  # items at or below this are listed (in full briefs) but never headlines
