"""Article text to draft records: the dates, names and events a news article gives."""
