"""The schedule: monthly check-ins, milestones and their reminders, planned and fired."""
