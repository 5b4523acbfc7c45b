"""Caseworker dashboard (pages) and the JSON API for partner systems."""
