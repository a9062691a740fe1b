"""timeline: a binational timeline of security news, kept in YAML and checked."""

__version__ = "0.1.0"

# Where the tool's documentation lives, for reports that link to it.
HOMEPAGE = "https://github.com/timeline-desk/timeline"
