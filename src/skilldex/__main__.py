"""`python -m skilldex`: the same CLI as the `skilldex` command."""

from skilldex.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
