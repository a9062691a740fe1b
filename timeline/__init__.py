"""timeline: a binational timeline of security news, kept in YAML and checked."""

__version__ = "0.1.0"
