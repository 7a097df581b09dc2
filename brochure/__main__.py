"""Allow ``python -m brochure``."""

from brochure.cli.main import main

main()
