"""brochure: turn career data (YAML) into print-ready career sheets (PDF)."""

__version__ = "0.1.0"
