"""Operator commands (`returnee ...`)."""
