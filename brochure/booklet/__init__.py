"""The open-day booklet: selection, cover and contents, then binding the built sheets."""
