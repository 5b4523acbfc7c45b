"""Casework: alerts, handoffs, the caseworkers' commands, caseloads, staff, registration."""
