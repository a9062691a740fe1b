"""What a check's result and the store become: reports, views, exports and the web page.

The export formats are named here, so that the command line can offer them
without importing the exporters, which a check never needs."""

EXPORT_FORMATS = ("json", "csv", "ics", "timelinejs", "markdown", "svg", "html")
