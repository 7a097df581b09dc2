"""Careers from other sources (ONISEP XML, CSV) written as career files, hand edits kept."""
