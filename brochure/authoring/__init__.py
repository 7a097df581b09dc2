"""Helping authors: new projects and careers, page previews, rendering on save."""
