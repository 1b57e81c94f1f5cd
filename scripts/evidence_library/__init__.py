"""Turn consultation responses into a searchable, cross-linked evidence library."""

__version__ = "0.1.0"
