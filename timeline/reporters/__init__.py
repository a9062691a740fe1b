"""Reporters turn a check's result into text; they never compute findings."""

from timeline.reporters import json_report, text

REPORTERS = {"text": text.render, "json": json_report.render}
